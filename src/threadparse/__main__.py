from threadparse._cli import main

raise SystemExit(main())
