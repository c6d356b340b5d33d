import MathSyntax
import Testing

/// `derive`, `given` and `define` bodies.
@Suite struct BlockParserTests {
    @Test func chainLinksAndComments() throws {
        let text = #"""
        C^{-1}
          = (\sigma^2 I + W W^\top)^{-1}
          = \sigma^{-2} I - \sigma^{-2} W (\sigma^2 I + W^\top W)^{-1} W^\top   % Woodbury; wrt: z
          \le \sigma^{-2} I   % tol: 1e-3
        """#
        let chain = try MathParser.parseChain(source(text, line: 10, column: 1))
        #expect(chain.first.structure == "(^ C (neg 1))")
        #expect(chain.links.map(\.relation) == [.equal, .equal, .lessEqual])
        #expect(chain.links[0].justification == nil)
        #expect(chain.links[1].justification == "Woodbury")
        #expect(chain.links[1].options == ["wrt": "z"])
        #expect(chain.links[2].justification == nil)
        #expect(chain.links[2].options == ["tol": "1e-3"])
        #expect(chain.links[0].relationRange.start.description == "11:3")
        #expect(chain.links[2].relationRange.start.description == "13:3")
        #expect(chain.links[2].relationRange.end.description == "13:6")
    }

    @Test func commentOnAContinuationLineBelongsToItsLink() throws {
        let text = #"""
        a % first expression
          = b
            + c % still the first link
          = d
        """#
        let chain = try MathParser.parseChain(source(text))
        #expect(chain.links[0].rhs.structure == "(+ b c)")
        #expect(chain.links[0].justification == "first expression; still the first link")
        #expect(chain.links[1].justification == nil)
    }

    @Test func alignmentMarksAreIgnored() throws {
        let text = #"""
        & x^\top A x \\
        &= \operatorname{tr}(A x x^\top) \\
        & = y
        """#
        let chain = try MathParser.parseChain(source(text))
        #expect(chain.first.structure == "(* (* (T x) A) x)")
        #expect(chain.links.count == 2)
        #expect(chain.links[1].rhs.structure == "y")
        let matrix = try MathParser.parseChain(source("M\n  = \\begin{pmatrix} a & b \\\\\n c & d \\end{pmatrix}"))
        #expect(matrix.links[0].rhs.structure == "(pmatrix (row a b) (row c d))")
    }

    @Test func constantTermStaysAnAddition() throws {
        let chain = try MathParser.parseChain(source("\\log p(x)\n  = -x^2 + \\text{const}"), functions: ["p"])
        #expect(chain.links[0].rhs.structure == #"(+ (neg (^ x 2)) "const")"#)
    }

    @Test func declarations() throws {
        let text = #"""
        x, \mu \in \mathbb{R}^{d}
        W \in \mathbb{R}^{d \times k}
        \sigma > 0
        d \in \{1, 3\}, \quad k = 2
        \beta \in (0,1)^{T}; \quad c \ge 0
        \Sigma \in \mathbb{S}_{++}^{d}
        Q \in \mathcal{O}(d)
        \pi \in \Delta^{K}
        t \in \{1, \dots, T\}
        a \in (0, \infty)^{K}
        f : \mathbb{R}^{d} \to \mathbb{R}
        D : \mathbb{R}^{d} \to (0, 1)
        s, t : \mathbb{R} \to \mathbb{R}
        p_{\mathrm{data}} \in \mathcal{P}(\mathbb{R}^{d})
        u \in [0, 1)
        """#
        let declarations = try MathParser.parseDeclarations(source(text))
        let shown = declarations.map { d in
            d.names.map(\.structure).joined(separator: ",") + " " + d.relation.rawValue + " " + d.domain.structure
        }
        #expect(shown == [
            #"x,μ \in (^ bb(R) d)"#,
            #"W \in (^ bb(R) (*times d k))"#,
            "σ > 0",
            #"d \in (set 1 3)"#,
            "k = 2",
            #"β \in (^ (interval( 0 1)) T)"#,
            #"c \ge 0"#,
            #"Σ \in (^ (sub bb(S) "++") d)"#,
            #"Q \in (apply cal(O) d)"#,
            #"π \in (^ Δ K)"#,
            #"t \in (set 1 ... T)"#,
            #"a \in (^ (interval( 0 inf)) K)"#,
            #"f : (\to (^ bb(R) d) bb(R))"#,
            #"D : (\to (^ bb(R) d) (interval( 0 1)))"#,
            #"s,t : (\to bb(R) bb(R))"#,
            #"(sub p roman(data)) \in (apply cal(P) (^ bb(R) d))"#,
            #"u \in (interval[ 0 1))"#,
        ])
        #expect(declarations[4].range.start.description == "4:23")
        #expect(declarations[4].range.end.description == "4:28")
    }

    @Test func definitions() throws {
        let text = #"""
        C = W W^\top + \sigma^2 I
        p(z) = \mathcal{N}(z; 0, I)
        p(x \mid z) = \mathcal{N}(x; W z + \mu, \sigma^2 I)
        \bar\alpha_t = \prod_{s=1}^{t} (1 - \beta_s)
        M := W^\top W
        g(x) = p(x) + f(x)
        y(x) = \begin{pmatrix} x_1 \\
          x_2 \end{pmatrix}
        h = a
          + b
        """#
        let definitions = try MathParser.parseDefinitions(source(text), functions: ["f"])
        #expect(definitions.map(\.head.structure) == [
            "C", "(apply p z)", "(apply p x | z)", "(sub bar(α) t)", "M", "(apply g x)", "(apply y x)", "h",
        ])
        #expect(definitions[5].body.structure == "(+ (apply p x) (apply f x))")
        #expect(definitions[6].body.structure == "(pmatrix (row (sub x 1)) (row (sub x 2)))")
        #expect(definitions[7].body.structure == "(+ a b)")
        #expect(definitions[6].range.start.description == "7:1")
        #expect(definitions[6].range.end.description == "8:20")
    }
}
