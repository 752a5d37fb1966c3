"""Reading and writing files: tables with located errors, atomic writes."""
