"""Web shell: base layout, navigation, dashboard, sign-in, error pages, vendored static assets."""
