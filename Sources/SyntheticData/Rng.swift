import Foundation

/// xoshiro256** seeded through SplitMix64. The generator is our own so that the bytes written for a seed never
/// depend on the standard library's random algorithms, which are not promised to stay the same between releases.
struct Rng {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        s0 = Rng.splitMix(&state)
        s1 = Rng.splitMix(&state)
        s2 = Rng.splitMix(&state)
        s3 = Rng.splitMix(&state)
    }

    /// An independent stream for one purpose (e.g. user 17, month 3, usage): streams never share state, so the
    /// output of one part does not change when another part draws more or fewer numbers.
    init(seed: UInt64, _ parts: UInt64...) {
        var state = seed
        var mixed = Rng.splitMix(&state)
        for part in parts {
            var next = mixed ^ (part &* 0xD6E8_FEB8_6659_FD93)
            mixed = Rng.splitMix(&next)
        }
        self.init(seed: mixed)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = Rng.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Rng.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 bits.
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0..<n (n > 0), by the multiply-high method.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform integer in 0..<n for 64-bit spans (microsecond offsets).
    @inline(__always)
    mutating func below(_ n: Int64) -> Int64 {
        Int64(bitPattern: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Standard normal by Box–Muller (one value per call; simple and fast enough).
    mutating func normal() -> Double {
        let u1 = 1.0 - unit()
        let u2 = unit()
        return (-2.0 * Foundation.log(u1)).squareRoot() * Foundation.cos(2.0 * Double.pi * u2)
    }

    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * Foundation.exp(sigma * normal())
    }

    mutating func exponential(mean: Double) -> Double { -mean * Foundation.log(1.0 - unit()) }

    /// Index drawn from cumulative weights (last element is the total).
    mutating func pick(cumulative: [Double]) -> Int {
        let target = unit() * cumulative[cumulative.count - 1]
        var index = 0
        while index < cumulative.count - 1 && cumulative[index] <= target { index += 1 }
        return index
    }
}

extension Array where Element == Double {
    /// Running sums of weights, for `Rng.pick(cumulative:)`.
    func cumulativeSums() -> [Double] {
        var total = 0.0
        return map { weight in
            total += weight
            return total
        }
    }
}
