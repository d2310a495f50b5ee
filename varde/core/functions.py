"""Database functions Django does not ship."""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func
from django.db.models.sql.compiler import SQLCompiler


class UUIDText(Func):
    """A UUID column as the text that str(uuid) gives ("8-4-4-4-12" hex digits), on either database.

    The audit trail stores ids as text, because it must outlive the rows it names; comparing them
    with a UUID column needs the same spelling. PostgreSQL's cast gives it; SQLite keeps UUIDs as 32
    hex digits without hyphens, so they are put back in.
    """

    output_field = CharField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS text)", **extra)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        parts = ["substr({0}, 1, 8)", "substr({0}, 9, 4)", "substr({0}, 13, 4)", "substr({0}, 17, 4)"]
        hyphenated = " || '-' || ".join([*parts, "substr({0}, 21)"]).format(sql)
        return f"lower({hyphenated})", tuple(params) * 5
