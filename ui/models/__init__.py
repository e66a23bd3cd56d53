"""Qt item models over the services' read models (never copies of data in QTableWidgets)."""
