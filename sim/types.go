package sim

import "fmt"

// Tier is a level of the health-care system at which staff work.
type Tier int

// The tiers of a district's health system. Hospital covers district and other
// hospitals located in the region; the other four are primary care (基层).
const (
	Hospital       Tier = iota // 医院 (district and other hospitals)
	TownshipCentre             // 乡镇卫生院
	CHSCentre                  // 社区卫生服务中心
	CHSStation                 // 社区卫生服务站
	VillageClinic              // 村卫生室
	NumTiers       = int(iota)
)

var tierInfo = [NumTiers]struct{ code, zh, en string }{
	{"hospital", "医院", "hospitals"},
	{"township_centre", "乡镇卫生院", "township health centres"},
	{"chs_centre", "社区卫生服务中心", "CHS centres"},
	{"chs_station", "社区卫生服务站", "CHS stations"},
	{"village_clinic", "村卫生室", "village clinics"},
}

// Code is the tier's identifier in scenario files, e.g. "township_centre".
func (t Tier) Code() string { return tierInfo[t].code }

// NameZH is the tier's Chinese name.
func (t Tier) NameZH() string { return tierInfo[t].zh }

// NameEN is the tier's English name.
func (t Tier) NameEN() string { return tierInfo[t].en }

// Primary reports whether the tier is primary care (基层医疗卫生机构).
func (t Tier) Primary() bool { return t != Hospital }

func (t Tier) String() string { return t.Code() }

// ParseTier returns the tier whose code is s.
func ParseTier(s string) (Tier, error) {
	for i := range NumTiers {
		if tierInfo[i].code == s {
			return Tier(i), nil
		}
	}
	return 0, fmt.Errorf("unknown tier %q", s)
}

// TierCodes lists the tier codes in order, for messages and documentation.
func TierCodes() []string {
	out := make([]string, NumTiers)
	for i := range out {
		out[i] = tierInfo[i].code
	}
	return out
}

// Cadre is a kind of health worker. Cadres are disjoint: a registered GP is
// counted under GP only, and a village doctor under one of the four village
// doctor cadres by qualification.
type Cadre int

// The cadres. Licensed physicians (执业（助理）医师) are Physician,
// AssistantPhysician, GP and the three licensed village-doctor cadres.
const (
	Physician          Cadre = iota // 执业医师 (other than GPs)
	AssistantPhysician              // 执业助理医师 (other than GPs)
	GP                              // 全科医生 (registered GPs)
	Nurse                           // 注册护士
	Pharmacist                      // 药师
	ClinicalPharmacist              // 临床药师
	PublicHealth                    // 公共卫生人员
	OtherStaff                      // 其他卫生技术、管理和工勤人员
	VDPhysician                     // 乡村医生：执业医师
	VDAssistant                     // 乡村医生：执业助理医师
	VDRuralAssistant                // 乡村医生：乡村全科执业助理医师
	VDUnlicensed                    // 乡村医生（无执业资格）
	NumCadres          = int(iota)
)

var cadreInfo = [NumCadres]struct {
	code, zh, en string
	licensed     bool // licensed (incl. assistant) physician
	village      bool // village doctor
}{
	{"physician", "执业医师", "licensed physicians", true, false},
	{"assistant_physician", "执业助理医师", "assistant physicians", true, false},
	{"gp", "全科医生", "general practitioners", true, false},
	{"nurse", "注册护士", "registered nurses", false, false},
	{"pharmacist", "药师", "pharmacists", false, false},
	{"clinical_pharmacist", "临床药师", "clinical pharmacists", false, false},
	{"public_health", "公共卫生人员", "public-health staff", false, false},
	{"other", "其他人员", "other staff", false, false},
	{"vd_physician", "乡村医生（执业医师）", "village doctors (licensed physician)", true, true},
	{"vd_assistant", "乡村医生（执业助理医师）", "village doctors (assistant physician)", true, true},
	{"vd_rural_assistant", "乡村医生（乡村全科执业助理医师）", "village doctors (rural GP assistant)", true, true},
	{"vd_unlicensed", "乡村医生（无执业资格）", "village doctors (unlicensed)", false, true},
}

// Code is the cadre's identifier in scenario files, e.g. "gp".
func (c Cadre) Code() string { return cadreInfo[c].code }

// NameZH is the cadre's Chinese name.
func (c Cadre) NameZH() string { return cadreInfo[c].zh }

// NameEN is the cadre's English name.
func (c Cadre) NameEN() string { return cadreInfo[c].en }

// Licensed reports whether the cadre counts as licensed (incl. assistant)
// physicians, 执业（助理）医师.
func (c Cadre) Licensed() bool { return cadreInfo[c].licensed }

// VillageDoctor reports whether the cadre is a village doctor (乡村医生).
func (c Cadre) VillageDoctor() bool { return cadreInfo[c].village }

func (c Cadre) String() string { return c.Code() }

// ParseCadre returns the cadre whose code is s.
func ParseCadre(s string) (Cadre, error) {
	for i := range NumCadres {
		if cadreInfo[i].code == s {
			return Cadre(i), nil
		}
	}
	return 0, fmt.Errorf("unknown cadre %q", s)
}

// CadreCodes lists the cadre codes in order, for messages and documentation.
func CadreCodes() []string {
	out := make([]string, NumCadres)
	for i := range out {
		out[i] = cadreInfo[i].code
	}
	return out
}
