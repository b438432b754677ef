package team

// CheapPasswordHashes makes s hash new passwords with argon2id at its lowest
// cost. Most of this package's tests sign someone in, and at the real cost
// (about 40 ms a hash) hashing was most of their run time; they still make
// and check real argon2id hashes. The benchmarks keep the real cost.
func (s *Service) CheapPasswordHashes() { s.cost = argonCost{time: 1, memory: 64, threads: 1} }
