"""The report figures, one module per family; import them from :mod:`survey.plots`."""
