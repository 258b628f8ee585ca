"""The customtkinter desktop wizard: one window, a controller, one module per page kind (see controller.py)."""
