package scenarios

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestVariantsInheritAndValidate(t *testing.T) {
	s, err := Load(Template())
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{"v.csv": {Data: []byte(`variant,base,description,key,tier,cadre,year,value
status quo,,as is,,,,,
more GPs,,more hires,hires,chs_centre,gp,2025,10
more GPs and faster,more GPs,,attrition,,,,2%
`)}}
	vs, err := LoadVariants(m, "v.csv", s)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 || len(vs[0].Overrides) != 0 || len(vs[2].Overrides) != 2 || vs[2].Overrides[0].Key != "hires" || vs[2].Overrides[1].Value != 0.02 {
		t.Errorf("variants = %+v", vs)
	}
	bad := map[string]string{
		"undefined base": "variant,base,key,value\na,b,,\n",
		"cycle":          "variant,base,key,value\na,b,,\nb,a,,\n",
		"bad key":        "variant,key,value\na,hirse,3\n",
		"empty variant":  "variant,key,value\n,hires,3\n",
	}
	want := map[string]string{"undefined base": `builds on "b", which is not defined`, "cycle": "builds on itself", "bad key": `did you mean "hires"`, "empty variant": "v.csv:2:1: variant is empty"}
	for name, text := range bad {
		_, err := LoadVariants(fstest.MapFS{"v.csv": {Data: []byte(text)}}, "v.csv", s)
		var el ErrorList
		if !errors.As(err, &el) || !strings.Contains(el.Error(), want[name]) {
			t.Errorf("%s: LoadVariants = %v, want an error containing %q", name, err, want[name])
		}
	}
}
