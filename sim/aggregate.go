package sim

// aggregate holds one region's totals for one year: its own values plus
// those of every region below it.
type aggregate struct {
	pop, pop65, hypertension, diabetes, keyPop float64
	stock                                      [NumTiers][NumCadres]float64
	beds                                       [NumTiers]float64
	secondedActive, secondedCum, blocked       float64
	secondedSent, primaryTechHires             float64
	costWorkforce, costTraining, costCum       float64 // yuan; set for the district only

	// facility model
	fac                 [NumFacilityTypes]float64 // open facilities by type
	centres             [NumGrades]float64        // open township and CHS centres by grade
	chsA, understaffed  float64
	capital, capitalCum float64
}

func (a *aggregate) add(b *aggregate) {
	a.pop += b.pop
	a.pop65 += b.pop65
	a.hypertension += b.hypertension
	a.diabetes += b.diabetes
	a.keyPop += b.keyPop
	for t := range NumTiers {
		for c := range NumCadres {
			a.stock[t][c] += b.stock[t][c]
		}
		a.beds[t] += b.beds[t]
	}
	a.secondedActive += b.secondedActive
	a.secondedCum += b.secondedCum
	a.blocked += b.blocked
	a.secondedSent += b.secondedSent
	a.primaryTechHires += b.primaryTechHires
	for t := range NumFacilityTypes {
		a.fac[t] += b.fac[t]
	}
	for g := range NumGrades {
		a.centres[g] += b.centres[g]
	}
	a.chsA += b.chsA
	a.understaffed += b.understaffed
	a.capital += b.capital
	a.capitalCum += b.capitalCum
}

// centreShare is the percentage of open centres at grade g or better.
func (a *aggregate) centreShare(g Grade) float64 {
	var ok, all float64
	for k, c := range a.centres {
		all += c
		if Grade(k) >= g {
			ok += c
		}
	}
	return pct(ok, all)
}

// sum adds the stocks of the tiers that pass keep (nil: all tiers) and the
// cadres that pass want.
func (a *aggregate) sum(keep func(Tier) bool, want func(Cadre) bool) float64 {
	var s float64
	for t := range NumTiers {
		if keep != nil && !keep(Tier(t)) {
			continue
		}
		for c := range NumCadres {
			if want(Cadre(c)) {
				s += a.stock[t][c]
			}
		}
	}
	return s
}

func (a *aggregate) staff(keep func(Tier) bool) float64 {
	return a.sum(keep, func(Cadre) bool { return true })
}

func (a *aggregate) licensed(keep func(Tier) bool) float64 {
	return a.sum(keep, Cadre.Licensed)
}

func (a *aggregate) cadre(c Cadre, keep func(Tier) bool) float64 {
	return a.sum(keep, func(x Cadre) bool { return x == c })
}
