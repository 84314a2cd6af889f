"""Writing rows with PostgreSQL COPY, ids chosen in Python, sequences moved on afterwards.

COPY goes through every constraint, trigger and foreign key as INSERT does: it is just
one statement per table instead of one per row.
"""

from collections.abc import Iterable

from psycopg import sql


class Ids:
    """Hands out ids after the highest already in each table, so a table's rows can point
    at each other before any is written."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.last: dict[str, int] = {}

    def take(self, table: str, count: int) -> range:
        if table not in self.last:
            self.cursor.execute(
                sql.SQL("SELECT COALESCE(MAX(id), 0) FROM {}").format(sql.Identifier(table))
            )
            self.last[table] = self.cursor.fetchone()[0]
        start = self.last[table] + 1
        self.last[table] += count
        return range(start, start + count)

    def next(self, table: str) -> int:
        return self.take(table, 1)[0]

    def move_sequences_on(self) -> None:
        for table, last in self.last.items():
            self.cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, 1))",
                [f'"{table}"', last],
            )


def copy_rows(cursor, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """COPY rows (tuples in the order of `columns`) into `table`; returns how many."""
    count = 0
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
