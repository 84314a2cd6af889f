"""`field__in=[...]` with a long list of values, on PostgreSQL: one array parameter.

Parameters are bound on the server (`server_side_binding`, ecte/settings/base.py), and the
protocol carries at most 65,535 of them in a statement. Django writes `IN (%s, %s, ...)`,
one parameter a value, so a reminder sweep or an export over the country's ECTs (113,000
open ECT periods at national scale) would fail outright. A list longer than
`ARRAY_FROM` values is sent as one array instead: `col = ANY(%s)`, which PostgreSQL plans
and runs as it does an IN list, through the same indexes. Shorter lists, subqueries and
the other databases are left as Django writes them.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

ARRAY_FROM = 1000


class _ArrayWhenLong:
    def as_sql(self, compiler, connection):
        values = self._long_direct_values(connection)
        if values is not None:
            lhs, lhs_params = self.process_lhs(compiler, connection)
            sqls, params = self.batch_process_rhs(compiler, connection, values)
            # Only plain values travel in an array; an expression among them keeps IN.
            if len(sqls) == len(params) and all(sql == "%s" for sql in sqls):
                return f"{lhs} = ANY(%s)", (*lhs_params, list(params))
        return super().as_sql(compiler, connection)

    def _long_direct_values(self, connection) -> list | None:
        if connection.vendor != "postgresql" or not self.rhs_is_direct_value():
            return None
        if not isinstance(self.rhs, (list, tuple)) or len(self.rhs) <= ARRAY_FROM:
            return None
        if isinstance(self.lhs, ColPairs):
            return None  # several columns (a composite key): Django's IN
        # NULL is never equal to anything, as in Django's IN; repeats are sent once.
        try:
            values = list(dict.fromkeys(value for value in self.rhs if value is not None))
        except TypeError:  # unhashable values: Django's IN, as it would write them
            return None
        if not values:
            raise EmptyResultSet
        return values


class ArrayIn(_ArrayWhenLong, In):
    pass


class ArrayRelatedIn(_ArrayWhenLong, RelatedIn):
    pass


def register() -> None:
    Field.register_lookup(ArrayIn)
    ForeignObject.register_lookup(ArrayRelatedIn)
