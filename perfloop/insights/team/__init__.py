"""The team report 团队效能: a department's whole loop for a cycle, its trends, and HR's comparison
of departments — figures from aggregate queries, small groups protected (scope.py)."""
