"""The Dash app: asks `warehouse` for data by name and draws it. Never writes the warehouse."""
