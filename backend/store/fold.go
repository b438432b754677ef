package store

import (
	"slices"
	"sync"
	"unicode/utf8"
)

// foldSearch folds s as the search index does (SQLite's fts5 trigram
// tokenizer with remove_diacritics 1): lower case, diacritics removed, and
// the characters it drops (combining marks) left out. A search matches a
// user where the folded search is a substring of a folded name, e-mail or
// external id. Ported from SQLite 3.54's fts5_unicode2.c (folding,
// sqlite3Fts5UnicodeFold with eRemoveDiacritic 2): TestFoldIsTheIndexs
// compares every character with the index's own.
func foldSearch(s string) string {
	return string(appendFold(nil, s))
}

// searchFold is connected_users.search_text (migration 26), and the SQL
// function search_fold(name, email, external_id) that fills it outside bulk
// writes: the three folded as the search index folds them, a line each.
// users_name and users_active hold it: a walk in either order tests a
// search on it, in the index, as exactly as the search index would (see
// coversSearch), without reading the user's row. Text that is not UTF-8
// may fold otherwise than in the index; Roster stores none.
func searchFold(name, email, externalID string) string {
	b := make([]byte, 0, len(name)+len(email)+len(externalID)+2)
	b = append(appendFold(b, name), '\n')
	b = append(appendFold(b, email), '\n')
	return string(appendFold(b, externalID))
}

// appendFold appends s folded to b: ASCII a byte at a time (most text, and
// every user an import adds is folded), the rest a character at a time.
func appendFold(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if f := foldRune(r); f != 0 {
					b = utf8.AppendRune(b, f)
				}
			}
			return b
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// foldPeers maps a folded character to the other characters that fold to
// it, and 0 to the characters the index drops. Built on first use, from
// foldRune (4 ms).
var foldPeers = sync.OnceValue(func() map[rune][]rune {
	peers := map[rune][]rune{}
	for c := rune(utf8.RuneSelf); c <= utf8.MaxRune; c++ {
		if f := foldRune(c); f != c {
			peers[f] = append(peers[f], c)
		}
	}
	return peers
})

// nameBranches returns the ranges of a name index in NOCASE order, as
// [from, to) bounds in pairs, that hold every name whose folded text starts
// with the folded search but does not start with the search itself (in
// NOCASE): for each character of the search, the names that start with the
// characters before it and go on with another character that folds alike,
// or one the index drops ("Zoë" for "zoe", "Élodie" for "elo"). Such a name
// differs from the search first there, with a character that folds as the
// search's (ASCII letters differ in case only). ok is false for a search
// holding a character the index drops (any name may match it), or a line
// break (the folded text is a line a column: see searchFold).
func nameBranches(search string) (bounds []string, ok bool) {
	peers := foldPeers()
	for i, c := range search {
		f := foldRune(c)
		if f == 0 || f == '\n' {
			return nil, false
		}
		same := c // what NOCASE takes for c: ASCII in lower case
		if c < utf8.RuneSelf {
			same = f
		}
		var alike []rune
		for _, x := range append(append([]rune{f}, peers[f]...), peers[0]...) {
			if x != same {
				alike = append(alike, x)
			}
		}
		slices.Sort(alike)
		alike = slices.Compact(alike)
		// Ranges of code points, UTF-8's byte order and NOCASE's beyond
		// ASCII; close ones joined (the names between are tested too), but
		// not across c's own, which start with the search.
		for k := 0; k < len(alike); {
			from, to := alike[k], alike[k]
			for k++; k < len(alike) && to >= utf8.RuneSelf && alike[k]-to <= 64 && !(to < same && same < alike[k]); k++ {
				to = alike[k]
			}
			end := min(to+1, utf8.MaxRune)
			if 0xd800 <= end && end < 0xe000 {
				end = 0xe000
			}
			bounds = append(bounds, search[:i]+string(from), search[:i]+string(end))
		}
	}
	return bounds, true
}

// foldRune is sqlite3Fts5UnicodeFold(c, 2): c in lower case without its
// diacritic; 0 for a character the index drops.
func foldRune(c rune) rune {
	switch {
	case c == 0xfffe || c == 0xffff:
		return 0xfffd // as the tokenizer reads them
	case c < 128:
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	case c < 65536:
		lo, hi, res := 0, len(foldRanges)-1, -1
		for lo <= hi {
			mid := (lo + hi) / 2
			if c >= rune(foldRanges[mid].code) {
				res, lo = mid, mid+1
			} else {
				hi = mid - 1
			}
		}
		if p := foldRanges[res]; c < rune(p.code)+rune(p.n) && p.flags&1&uint8((rune(p.code)^c)&1) == 0 {
			c = (c + rune(foldOffsets[p.flags>>1])) & 0xffff
		}
		return foldDiacritic(c)
	case 66560 <= c && c < 66600:
		return c + 40
	}
	return c
}

// foldDiacritic is fts5_remove_diacritic(c, 1): a lower-case letter with a
// diacritic as its ASCII letter, 0 for a combining mark, else c.
func foldDiacritic(c rune) rune {
	key := uint32(c)<<3 | 7
	lo, hi, res := 0, len(diacriticKeys)-1, 0
	for lo <= hi {
		mid := (lo + hi) / 2
		if key >= uint32(diacriticKeys[mid]) {
			res, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	if uint32(c) > uint32(diacriticKeys[res]>>3)+uint32(diacriticKeys[res]&7) {
		return c
	}
	return rune(diacriticChars[res] & 0x7f)
}

// The tables of fts5_unicode2.c, as SQLite generates them from the Unicode
// Character Database.
var (
	diacriticKeys = [...]uint16{
		0, 1797, 1848, 1859, 1891, 1928, 1940, 1995, 2024, 2040, 2060, 2110,
		2168, 2206, 2264, 2286, 2344, 2383, 2472, 2488, 2516, 2596, 2668, 2732,
		2782, 2842, 2894, 2954, 2984, 3000, 3028, 3336, 3456, 3696, 3712, 3728,
		3744, 3766, 3832, 3896, 3912, 3928, 3944, 3968, 4008, 4040, 4056, 4106,
		4138, 4170, 4202, 4234, 4266, 4296, 4312, 4344, 4408, 4424, 4442, 4472,
		4488, 4504, 6148, 6198, 6264, 6280, 6360, 6429, 6505, 6529, 61448, 61468,
		61512, 61534, 61592, 61610, 61642, 61672, 61688, 61704, 61726, 61784, 61800, 61816,
		61836, 61880, 61896, 61914, 61948, 61998, 62062, 62122, 62154, 62184, 62200, 62218,
		62252, 62302, 62364, 62410, 62442, 62478, 62536, 62554, 62584, 62604, 62640, 62648,
		62656, 62664, 62730, 62766, 62830, 62890, 62924, 62974, 63032, 63050, 63082, 63118,
		63182, 63242, 63274, 63310, 63368, 63390,
	}
	diacriticChars = [...]uint8{
		0, 97, 99, 101, 105, 110, 111, 117, 121, 121, 97, 99,
		100, 101, 101, 103, 104, 105, 106, 107, 108, 110, 111, 114,
		115, 116, 117, 117, 119, 121, 122, 111, 117, 97, 105, 111,
		117, 245, 225, 103, 107, 111, 239, 106, 103, 110, 225, 97,
		101, 105, 111, 114, 117, 115, 116, 104, 97, 101, 239, 111,
		239, 121, 0, 0, 0, 0, 0, 0, 0, 0, 97, 98,
		227, 100, 100, 229, 101, 229, 102, 103, 104, 104, 105, 233,
		107, 108, 236, 108, 109, 110, 239, 112, 114, 242, 114, 115,
		243, 116, 117, 245, 118, 119, 119, 120, 121, 122, 104, 116,
		119, 121, 97, 225, 225, 225, 101, 229, 229, 105, 111, 239,
		239, 239, 117, 245, 245, 121,
	}
	// From code, n characters (every second one when flags&1) fold to
	// themselves plus foldOffsets[flags>>1].
	foldRanges = [...]struct {
		code  uint16
		flags uint8
		n     uint8
	}{
		{65, 14, 26},
		{181, 64, 1},
		{192, 14, 23},
		{216, 14, 7},
		{256, 1, 48},
		{306, 1, 6},
		{313, 1, 16},
		{330, 1, 46},
		{376, 116, 1},
		{377, 1, 6},
		{383, 104, 1},
		{385, 50, 1},
		{386, 1, 4},
		{390, 44, 1},
		{391, 0, 1},
		{393, 42, 2},
		{395, 0, 1},
		{398, 32, 1},
		{399, 38, 1},
		{400, 40, 1},
		{401, 0, 1},
		{403, 42, 1},
		{404, 46, 1},
		{406, 52, 1},
		{407, 48, 1},
		{408, 0, 1},
		{412, 52, 1},
		{413, 54, 1},
		{415, 56, 1},
		{416, 1, 6},
		{422, 60, 1},
		{423, 0, 1},
		{425, 60, 1},
		{428, 0, 1},
		{430, 60, 1},
		{431, 0, 1},
		{433, 58, 2},
		{435, 1, 4},
		{439, 62, 1},
		{440, 0, 1},
		{444, 0, 1},
		{452, 2, 1},
		{453, 0, 1},
		{455, 2, 1},
		{456, 0, 1},
		{458, 2, 1},
		{459, 1, 18},
		{478, 1, 18},
		{497, 2, 1},
		{498, 1, 4},
		{502, 122, 1},
		{503, 134, 1},
		{504, 1, 40},
		{544, 110, 1},
		{546, 1, 18},
		{570, 70, 1},
		{571, 0, 1},
		{573, 108, 1},
		{574, 68, 1},
		{577, 0, 1},
		{579, 106, 1},
		{580, 28, 1},
		{581, 30, 1},
		{582, 1, 10},
		{837, 36, 1},
		{880, 1, 4},
		{886, 0, 1},
		{902, 18, 1},
		{904, 16, 3},
		{908, 26, 1},
		{910, 24, 2},
		{913, 14, 17},
		{931, 14, 9},
		{962, 0, 1},
		{975, 4, 1},
		{976, 140, 1},
		{977, 142, 1},
		{981, 146, 1},
		{982, 144, 1},
		{984, 1, 24},
		{1008, 136, 1},
		{1009, 138, 1},
		{1012, 130, 1},
		{1013, 128, 1},
		{1015, 0, 1},
		{1017, 152, 1},
		{1018, 0, 1},
		{1021, 110, 3},
		{1024, 34, 16},
		{1040, 14, 32},
		{1120, 1, 34},
		{1162, 1, 54},
		{1216, 6, 1},
		{1217, 1, 14},
		{1232, 1, 88},
		{1329, 22, 38},
		{4256, 66, 38},
		{4295, 66, 1},
		{4301, 66, 1},
		{7680, 1, 150},
		{7835, 132, 1},
		{7838, 96, 1},
		{7840, 1, 96},
		{7944, 150, 8},
		{7960, 150, 6},
		{7976, 150, 8},
		{7992, 150, 8},
		{8008, 150, 6},
		{8025, 151, 8},
		{8040, 150, 8},
		{8072, 150, 8},
		{8088, 150, 8},
		{8104, 150, 8},
		{8120, 150, 2},
		{8122, 126, 2},
		{8124, 148, 1},
		{8126, 100, 1},
		{8136, 124, 4},
		{8140, 148, 1},
		{8152, 150, 2},
		{8154, 120, 2},
		{8168, 150, 2},
		{8170, 118, 2},
		{8172, 152, 1},
		{8184, 112, 2},
		{8186, 114, 2},
		{8188, 148, 1},
		{8486, 98, 1},
		{8490, 92, 1},
		{8491, 94, 1},
		{8498, 12, 1},
		{8544, 8, 16},
		{8579, 0, 1},
		{9398, 10, 26},
		{11264, 22, 47},
		{11360, 0, 1},
		{11362, 88, 1},
		{11363, 102, 1},
		{11364, 90, 1},
		{11367, 1, 6},
		{11373, 84, 1},
		{11374, 86, 1},
		{11375, 80, 1},
		{11376, 82, 1},
		{11378, 0, 1},
		{11381, 0, 1},
		{11390, 78, 2},
		{11392, 1, 100},
		{11499, 1, 4},
		{11506, 0, 1},
		{42560, 1, 46},
		{42624, 1, 24},
		{42786, 1, 14},
		{42802, 1, 62},
		{42873, 1, 4},
		{42877, 76, 1},
		{42878, 1, 10},
		{42891, 0, 1},
		{42893, 74, 1},
		{42896, 1, 4},
		{42912, 1, 10},
		{42922, 72, 1},
		{65313, 14, 26},
	}
	foldOffsets = [...]uint16{
		1, 2, 8, 15, 16, 26, 28, 32, 37, 38, 40, 48,
		63, 64, 69, 71, 79, 80, 116, 202, 203, 205, 206, 207,
		209, 210, 211, 213, 214, 217, 218, 219, 775, 7264, 10792, 10795,
		23228, 23256, 30204, 54721, 54753, 54754, 54756, 54787, 54793, 54809, 57153, 57274,
		57921, 58019, 58363, 61722, 65268, 65341, 65373, 65406, 65408, 65410, 65415, 65424,
		65436, 65439, 65450, 65462, 65472, 65476, 65478, 65480, 65482, 65488, 65506, 65511,
		65514, 65521, 65527, 65528, 65529,
	}
)
