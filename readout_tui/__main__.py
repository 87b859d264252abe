from readout_tui.cli import program

program()
