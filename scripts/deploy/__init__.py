"""Files a deployment reads that are generated from the code: pinned runtime requirements, `.env.example`s."""
