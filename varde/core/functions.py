"""Database functions Django does not ship."""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func, QuerySet
from django.db.models.lookups import In
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


class InSubquery(In):
    """`column IN (subquery)`, spelled on PostgreSQL so that an index on the column can answer it
    where it stands in an OR.

    There PostgreSQL tests `IN (subquery)` row by row against the subquery's hashed result, and so
    reads the whole table; `column = ANY(ARRAY(subquery))` runs the subquery once, and the array is
    a value an index scan can look up. The audit trail's visibility rule ORs three conditions, two of
    them on a partnership's members (ADR 0047).
    """

    def get_prep_lookup(self) -> Any:
        # Django turns a queryset into its query before the lookup sees it, except when the lookup
        # is built by hand, as this one is; the query is what In drops the ordering of.
        if isinstance(self.rhs, QuerySet):
            self.rhs = self.rhs.query.clone()
        return super().get_prep_lookup()

    def get_rhs_op(self, connection: BaseDatabaseWrapper, rhs: str) -> str:
        if connection.vendor == "postgresql" and not self.rhs_is_direct_value():
            return f"= ANY(ARRAY{rhs})"
        return str(super().get_rhs_op(connection, rhs))
