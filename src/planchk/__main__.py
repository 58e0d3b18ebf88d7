from planchk.cli import run

run()
