import Diagnostics
import MathSyntax
import Testing

/// Every math string of the conformance suite parses, and prints back to the same tree.
@Suite struct ConformanceParseTests {
    @Test(arguments: conformanceCases.map(\.name))
    func caseParses(_ name: String) throws {
        let c = try #require(conformanceCases.first(where: { $0.name == name }), "no conformance case named \(name)")
        let declarations = try MathParser.parseDeclarations(source(c.given))
        #expect(!declarations.isEmpty)
        let functions = try knownFunctions(given: c.given, define: c.define)
        _ = try MathParser.parseDefinitions(source(c.define), functions: functions)
        if let wrong = c.wrongDefine { _ = try MathParser.parseDefinitions(source(wrong), functions: functions) }
        for text in c.chains {
            let chain = try MathParser.parseChain(source(text), functions: functions)
            #expect(!chain.links.isEmpty)
            for expr in [chain.first] + chain.links.map(\.rhs) {
                let printed = LaTeXPrinter.latex(expr)
                let again = try MathParser.parseExpression(source(printed), functions: functions)
                #expect(again.structure == expr.structure, "round trip of \(printed)")
            }
        }
    }
}
