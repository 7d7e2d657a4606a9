// Command clinicsim projects a district's primary-care plan year by year and
// says, target by target, whether it is reachable. Run "clinicsim help".
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
