"""Published tables in: readers per layout, then names, numbers and flags checked; every
problem a record (file, row, column, reason)."""
