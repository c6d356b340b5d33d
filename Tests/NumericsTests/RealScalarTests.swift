import Testing
import DeriveNumerics
import RealModule

@Suite struct RealScalarTests {
    @Test func domainErrors() {
        #expect(throws: ScalarError.outOfDomain("log of a non-positive number")) { try 0.0.elementary(.log) }
        #expect(throws: ScalarError.outOfDomain("log of a non-positive number")) { try (-1.0).log() }
        #expect(throws: ScalarError.outOfDomain("square root of a negative number")) { try (-1e-300).elementary(.sqrt) }
        #expect(throws: ScalarError.outOfDomain("real power of a negative base")) { try (-2.0).power(0.5) }
        #expect(throws: ScalarError.outOfDomain("log-gamma at a non-positive integer")) { try (-3.0).elementary(.logGamma) }
        #expect(throws: ScalarError.self) { try 0.0.elementary(.digamma) }
        #expect(throws: ScalarError.divisionByZero) { try 1.0.divided(by: 0) }
        #expect(throws: ScalarError.divisionByZero) { try 0.0.power(-2) }
        #expect(throws: ScalarError.divisionByZero) { try Double(numerator: 1, denominator: 0) }
    }

    @Test func powersAllowIntegerExponentsOfNegativeBases() throws {
        #expect(try (-2.0).power(3.0) == -8)
        #expect(try (-2.0).power(-2) == 0.25)
        #expect(try 0.0.power(0.0) == 1)
        #expect(try 0.0.power(2.5) == 0)
        #expect(close(try 2.0.power(0.5), Double.sqrt(2)))
        #expect(try Double(numerator: 3, denominator: 10) == 0.3)
    }

    /// Reference values from mpmath (30 digits).
    @Test(arguments: [
        (0.7, -1.2200235536979347406, 2.8340491566946109126, -6.4349928741909236943, 25.879149678427737993),
        (3.5, 1.1031566406452431872, 0.33035775610023486497, -0.108204051641727403, 0.070305848817252051255),
        (20.0, 2.9705239922421490509, 0.051270822935203119832, -0.0026281224023146545934, 0.00026937422133963891459),
        (-2.5, 1.1031566406452431872, 9.5392466449891237539, -0.108204051641727403, 194.74787621918762242),
        (-0.3, 2.1133097796353988734, 13.945160267805722489, 67.63908119988316004, 766.61989041916858035),
    ])
    func polygammaMatchesReference(x: Double, psi0: Double, psi1: Double, psi2: Double, psi3: Double) throws {
        #expect(close(try x.polygamma(0), psi0, 1e-13))
        #expect(close(try x.polygamma(1), psi1, 1e-13))
        #expect(close(try x.polygamma(2), psi2, 1e-12))
        #expect(close(try x.polygamma(3), psi3, 1e-12))
        #expect(close(try x.elementary(.digamma), psi0, 1e-13))
        #if arch(x86_64) || arch(i386)
        #expect(close(Double(try Float80(x).polygamma(1)), psi1, 1e-15))
        #endif
    }

    #if arch(x86_64) || arch(i386)
    @Test func float80CarriesMorePrecision() throws {
        let third = try Float80(numerator: 1, denominator: 3)
        #expect(third * 3 == 1)
        let tiny = Float80(1) + Float80(0x1p-60)
        #expect(tiny - 1 == Float80(0x1p-60))
        #expect(try Float80(2).elementary(.sqrt).realValue() == Double.sqrt(2))
        #expect(throws: ScalarError.self) { try Float80(-1).elementary(.log) }
        #expect(close(try Float80(0.5).elementary(.erf).realValue(), 0.5204998778130465))
    }
    #endif
}
