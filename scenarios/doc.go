// Package scenarios owns clinicsim's scenario format: a folder of CSV files
// read with gocsv, in UTF-8 (with or without BOM), UTF-16 with BOM or
// GBK/GB18030, as Excel and WPS save them on Chinese Windows. It validates
// every file and cell, reporting every problem of a file as
// FILE:LINE:COL: what is wrong; what would be right, and builds a checked
// sim.Scenario. It also embeds the shipped scenarios.
package scenarios
