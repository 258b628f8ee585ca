"""The wizard's pages, one module per step kind; each page is built once and refreshed from the model."""
