"""Reading Markdown back: tables split into cells the way GitHub does."""


def table_rows(markdown: str) -> list[list[list[str]]]:
    """Every table (consecutive lines starting with `|`) as rows of cells, splitting on unescaped pipes."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    in_fence = False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("|"):
            current.append(_cells(line))
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _cells(line: str) -> list[str]:
    # Walk the line: a backslash escapes the next character, an unescaped pipe ends a cell.
    cells, cell, i = [], "", 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            cell += line[i : i + 2]
            i += 2
            continue
        if char == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += char
        i += 1
    cells.append(cell)
    return [c.strip() for c in cells[1:-1]]


def assert_tables_intact(markdown: str) -> None:
    for table in table_rows(markdown):
        widths = {len(row) for row in table}
        assert len(widths) == 1, f"a table has rows of {sorted(widths)} cells: {table[0]}"
        assert all(set(cell) <= set("-") for cell in table[1]), "the second row is the delimiter row"
