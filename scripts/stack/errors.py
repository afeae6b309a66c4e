"""The one error type the stack raises: what went wrong, and what to do about it."""


class StackError(Exception):
    def __init__(self, problem: str, fix: str = "", detail: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix
        self.detail = detail

    def __str__(self) -> str:
        text = self.problem if not self.fix else f"{self.problem} — {self.fix}"
        return f"{text}\n{self.detail}" if self.detail else text
