from dashboard.cli import app

app()
