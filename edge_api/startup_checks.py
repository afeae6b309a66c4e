"""What the edge API's container checks before it serves: no hosted deployment runs on local defaults."""

from edge_api.settings import LOCAL_JWT_SECRET, Settings


def refuse_unsafe(settings: Settings) -> None:
    """Stop at start-up rather than serve a hosted project with the local stack's public demo secret.

    The default secret is published in every Supabase CLI; against an https (hosted) project, a token signed
    with it would pass the edge API's own check. PostgREST would still refuse it, but the container should
    not start half-configured.
    """
    hosted = settings.supabase_url.startswith("https://")
    if hosted and settings.supabase_jwt_secret.get_secret_value() == LOCAL_JWT_SECRET:
        raise SystemExit(
            "SUPABASE_JWT_SECRET is the local demo secret: set the project's JWT secret "
            "(or any long random value if the project signs only with asymmetric keys)"
        )
    if settings.supabase_anon_key is None:
        raise SystemExit(
            "SUPABASE_ANON_KEY is not set: the edge API reads PostgREST with it and the user's token"
        )
