// Package output writes what clinicsim produces for people and programs:
// trajectories and verdicts as CSV, charts as PNG and SVG, a Markdown report
// and the terminal verdict table. Files are written into a temporary folder
// that replaces the destination only when everything has been written.
package output
