// Package sim is clinicsim's projection engine.
//
// It takes a typed, already validated [Scenario] and projects it year by year
// from the base year to the horizon: population and ageing, workforce stocks by
// region, tier and cadre with their flows (hires, attrition, retirement by age
// band, training pipelines, village-doctor licensing, county-hired
// township-used secondments, staffing quotas), and the ratios planners use.
// Indicators the engine does not model yet are carried as trends fitted to
// their observed values and labelled so.
//
// The package does no I/O and keeps no global state: [Run] is a pure,
// deterministic function of the scenario, the parameter overrides and the
// seed, which is what makes variants, Monte Carlo draws and batches safe to run
// in parallel.
package sim
