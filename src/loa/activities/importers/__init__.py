"""Importers of activities from files officers already keep (Excel) and from portal feeds."""
