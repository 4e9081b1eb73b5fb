// Part: the Param lines of the catalogue queries over cases chosen as parts/case_handovers
//   chooses them (for their header)
// Param: municipality STRING optional — only cases of this gemeente
// Param: framework STRING optional choices=voluntary|court_ordered — only cases in this framework
// Param: opened_from DATE optional — only cases opened on or after
// Param: opened_to DATE optional — only cases opened on or before
