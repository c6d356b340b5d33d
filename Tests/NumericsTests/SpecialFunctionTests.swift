import Testing
import DeriveNumerics
import RealModule

@Suite struct SpecialFunctionTests {
    @Test func referenceValues() throws {
        #expect(close(SpecialFunctions.erf(0.5), 0.5204998778130465, 1e-15))
        #expect(close(try SpecialFunctions.logGamma(0.5), Double.log(Double.pi) / 2, 1e-15))
        // ψ(1) = −γ, ψ'(1) = π²/6
        #expect(close(try SpecialFunctions.digamma(1.0), -0.5772156649015329, 1e-15))
        #expect(close(try SpecialFunctions.trigamma(1.0), Double.pi * Double.pi / 6, 1e-15))
        #expect(close(SpecialFunctions.normalCDF(0.0), 0.5, 1e-16))
        #expect(close(SpecialFunctions.normalCDF(1.96), 0.9750021048517795, 1e-15))
        // Lower tail keeps relative accuracy: Φ(−10) = 7.619853024160527e-24.
        #expect(abs(SpecialFunctions.normalCDF(-10.0) / 7.619853024160527e-24 - 1) < 1e-13)
        #expect(close(SpecialFunctions.normalPDF(0.0), 0.3989422804014327, 1e-15))
        #if arch(x86_64) || arch(i386)
        #expect(abs(try SpecialFunctions.trigamma(Float80(1)) - Float80.pi * Float80.pi / 6) < 1e-18)
        #expect(abs(try SpecialFunctions.digamma(Float80(1)) + Float80(0.57721566490153286060651209)) < 1e-18)
        #endif
    }

    @Test func stableLogisticFunctions() {
        #expect(SpecialFunctions.logSumExp([1000.0, 1000.0]) == 1000 + Double.log(2))
        #expect(SpecialFunctions.logSumExp([-1000.0, -1000.0]) == -1000 + Double.log(2))
        #expect(SpecialFunctions.logSumExp([Double]()) == -.infinity)
        #expect(SpecialFunctions.softplus(1000.0) == 1000)
        #expect(SpecialFunctions.softplus(-1000.0) == 0)
        #expect(close(SpecialFunctions.softplus(0.0), Double.log(2), 1e-16))
        #expect(SpecialFunctions.sigmoid(-1000.0) == 0 && SpecialFunctions.sigmoid(1000.0) == 1)
        #expect(close(SpecialFunctions.sigmoid(2.0) + SpecialFunctions.sigmoid(-2.0), 1, 1e-15))
        #expect(close(SpecialFunctions.logSigmoid(-800.0), -800, 1e-15))
    }
}
