"""What each ``trainops`` command does, below the command line that parses its arguments."""
