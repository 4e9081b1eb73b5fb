// Part: the Param lines of the catalogue queries over the persons in a family role (for their
//   header; parts/role_persons reads these parameters)
// Param: role STRING default=mother choices=mother|father|parent|child|concerned — child: a
//   person concerned by a case who was under 18 when it opened; mother and father: a woman or
//   man who is a partner in a union with such a child (link kind in link_kinds); parent:
//   either; concerned: anyone concerned by a case
// Param: link_kinds LIST<STRING> default=birth,adopted choices=birth|adopted|foster|step — the
//   child links that make a parent (add step or foster for step- and foster parents)
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
