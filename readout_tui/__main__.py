from readout_tui.cli import main

raise SystemExit(main())
