/// The math of the public conformance suite (/work/shared/conformance/cases.py), copied so that
/// every string of it is known to parse. Regenerate by hand when the suite changes.
struct ConformanceCase: Sendable {
    var name: String
    var given: String
    var define: String
    var chains: [String]
    var wrongDefine: String?
}

let conformanceCases: [ConformanceCase] = [
    ConformanceCase(
        name: "sigmoid_derivative",
        given: #"""
x \in \mathbb{R}
"""#,
        define: #"""

"""#,
        chains: [#"""
\frac{d}{dx} \operatorname{sigmoid}(x)
  = \operatorname{sigmoid}(x) \left(1 - \operatorname{sigmoid}(x)\right)
"""#, #"""
\frac{d}{dx} \operatorname{sigmoid}(x)
  = \operatorname{sigmoid}(x)^2
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "completing_the_square",
        given: #"""
a > 0
b, x \in \mathbb{R}
"""#,
        define: #"""

"""#,
        chains: [#"""
-\frac{1}{2} a x^2 + b x
  = -\frac{1}{2} a \left(x - \frac{b}{a}\right)^2 + \frac{b^2}{2a}   % complete the square
"""#, #"""
-\frac{1}{2} a x^2 + b x
  = -\frac{1}{2} a \left(x - \frac{b}{a}\right)^2 + \frac{b^2}{a}   % complete the square
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "relu_cases",
        given: #"""
x \in \mathbb{R}
"""#,
        define: #"""

"""#,
        chains: [#"""
\max(0, x)
  = \begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}
"""#, #"""
\max(0, x)
  = \begin{cases} x & x > 0 \\ -x & \text{otherwise} \end{cases}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "geometric_sum",
        given: #"""
r \in (0, 1)
n \in \{1, \dots, 25\}
"""#,
        define: #"""

"""#,
        chains: [#"""
\sum_{k=0}^{n-1} r^k
  = \frac{1 - r^n}{1 - r}
"""#, #"""
\sum_{k=0}^{n-1} r^k
  = \frac{1 - r^{n+1}}{1 - r}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "sylvester",
        given: #"""
n = 4, \quad k = 2
P \in \mathbb{R}^{n \times k}
Q \in \mathbb{R}^{k \times n}
"""#,
        define: #"""

"""#,
        chains: [#"""
\det(I_n + P Q)
  = \det(I_k + Q P)   % Sylvester's determinant identity
"""#, #"""
\det(I_n + P Q)
  = \det(I_k + Q P) + \operatorname{tr}(Q P)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "push_through",
        given: #"""
n \in \{2, 3\}, \quad m \in \{1, 4\}
P \in \mathbb{S}_{++}^{n}
R \in \mathbb{S}_{++}^{m}
B \in \mathbb{R}^{m \times n}
"""#,
        define: #"""

"""#,
        chains: [#"""
(P^{-1} + B^\top R^{-1} B)^{-1} B^\top R^{-1}
  = P B^\top (B P B^\top + R)^{-1}   % push-through identity
"""#, #"""
(P^{-1} + B^\top R^{-1} B)^{-1} B^\top R^{-1}
  = P B^\top (B P B^\top + R^{-1})^{-1}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "quadratic_form_gradient",
        given: #"""
d \in \{1, 3\}
x \in \mathbb{R}^{d}
A \in \mathbb{R}^{d \times d}
"""#,
        define: #"""

"""#,
        chains: [#"""
\nabla_x \left(x^\top A x\right)
  = (A + A^\top) x
"""#, #"""
\nabla_x \left(x^\top A x\right)
  = 2 A x
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "trace_gradient",
        given: #"""
m = 2, \quad n = 3
A \in \mathbb{R}^{m \times n}
B \in \mathbb{R}^{n \times m}
"""#,
        define: #"""

"""#,
        chains: [#"""
\nabla_A \operatorname{tr}(A B)
  = B^\top
"""#, #"""
\nabla_A \operatorname{tr}(A B)
  = B
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "jacobi_formula",
        given: #"""
d \in \{2, 3\}
A, B \in \mathbb{R}^{d \times d}
t \in (0, 0.1)
"""#,
        define: #"""

"""#,
        chains: [#"""
\frac{d}{dt} \det(A + t B)
  = \det(A + t B) \operatorname{tr}\left((A + t B)^{-1} B\right)   % Jacobi's formula
"""#, #"""
\frac{d}{dt} \det(A + t B)
  = \det(A + t B) \operatorname{tr}(B)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "block_determinant",
        given: #"""
A \in \mathbb{S}_{++}^{2}
B \in \mathbb{R}^{2 \times 3}
D \in \mathbb{S}_{++}^{3}
"""#,
        define: #"""

"""#,
        chains: [#"""
\det \begin{pmatrix} A & B \\ B^\top & D \end{pmatrix}
  = \det A \, \det(D - B^\top A^{-1} B)   % Schur complement
"""#, #"""
\det \begin{pmatrix} A & B \\ B^\top & D \end{pmatrix}
  = \det A \, \det(D - B^\top A^{-1} B^\top)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "gaussian_quadratic_moment",
        given: #"""
d \in \{1, 2, 3\}
\mu \in \mathbb{R}^{d}
\Sigma \in \mathbb{S}_{++}^{d}
A \in \mathbb{R}^{d \times d}
"""#,
        define: #"""

"""#,
        chains: [#"""
\mathbb{E}_{x \sim \mathcal{N}(\mu, \Sigma)}\left[x^\top A x\right]
  = \operatorname{tr}(A \Sigma) + \mu^\top A \mu
"""#, #"""
\mathbb{E}_{x \sim \mathcal{N}(\mu, \Sigma)}\left[x^\top A x\right]
  = \operatorname{tr}(A) + \mu^\top A \mu
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "gaussian_entropy",
        given: #"""
\mu \in \mathbb{R}
\sigma > 0
"""#,
        define: #"""

"""#,
        chains: [#"""
-\mathbb{E}_{x \sim \mathcal{N}(\mu, \sigma^2)}\left[\log \mathcal{N}(x; \mu, \sigma^2)\right]
  = \frac{1}{2} \log(2 \pi e \sigma^2)
"""#, #"""
-\mathbb{E}_{x \sim \mathcal{N}(\mu, \sigma^2)}\left[\log \mathcal{N}(x; \mu, \sigma^2)\right]
  = \frac{1}{2} \log(2 \pi \sigma^2)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "score_function_identity",
        given: #"""
\mu \in \mathbb{R}
\sigma > 0
f : \mathbb{R} \to \mathbb{R}
"""#,
        define: #"""

"""#,
        chains: [#"""
\frac{\partial}{\partial \mu} \mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^2)}\left[f(z)\right]
  = \mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^2)}\left[f(z) \frac{z - \mu}{\sigma^2}\right]   % REINFORCE
"""#, #"""
\frac{\partial}{\partial \mu} \mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^2)}\left[f(z)\right]
  = \mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^2)}\left[f(z) \frac{z - \mu}{\sigma}\right]
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "gibbs_inequality",
        given: #"""
K \in \{2, 6\}
p, q \in \Delta^{K}
"""#,
        define: #"""

"""#,
        chains: [#"""
\sum_{k=1}^{K} p_k \log \frac{p_k}{q_k}
  \ge 0
"""#, #"""
\sum_{k=1}^{K} p_k \log \frac{p_k}{q_k}
  \ge \sum_{k=1}^{K} q_k \log \frac{q_k}{p_k}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "two_dim_gaussian_integral",
        given: #"""
x \in \mathbb{R}^{2}
A \in \mathbb{S}_{++}^{2}
"""#,
        define: #"""

"""#,
        chains: [#"""
\int \exp\left(-\frac{1}{2} x^\top A x\right) dx
  = \frac{2 \pi}{\sqrt{\det A}}
"""#, #"""
\int \exp\left(-\frac{1}{2} x^\top A x\right) dx
  = \frac{2 \pi}{\det A}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "lognormal_change_of_variables",
        given: #"""
y > 0
\mu \in \mathbb{R}
\sigma > 0
"""#,
        define: #"""

"""#,
        chains: [#"""
\mathcal{N}(\log y; \mu, \sigma^2) \left\lvert \frac{d}{dy} \log y \right\rvert
  = \frac{1}{y \sigma \sqrt{2 \pi}} \exp\left(-\frac{(\log y - \mu)^2}{2 \sigma^2}\right)
"""#, #"""
\mathcal{N}(\log y; \mu, \sigma^2) \left\lvert \frac{d}{dy} \log y \right\rvert
  = \frac{y}{\sigma \sqrt{2 \pi}} \exp\left(-\frac{(\log y - \mu)^2}{2 \sigma^2}\right)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "densities_by_argument",
        given: #"""
d = 3, \quad k = 2
x, \mu \in \mathbb{R}^{d}
z \in \mathbb{R}^{k}
W \in \mathbb{R}^{d \times k}
\sigma > 0
"""#,
        define: #"""
p(z) = \mathcal{N}(z; 0, I)
p(x \mid z) = \mathcal{N}(x; W z + \mu, \sigma^2 I)
"""#,
        chains: [#"""
\log p(x \mid z) + \log p(z)
  = \log \mathcal{N}(x; W z + \mu, \sigma^2 I) - \frac{1}{2} z^\top z - \frac{k}{2} \log(2 \pi)
"""#, #"""
\log p(x \mid z) + \log p(z)
  = \log \mathcal{N}(x; W z + \mu, \sigma^2 I) - \frac{1}{2} z^\top z - \frac{d}{2} \log(2 \pi)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "bayes_proportional",
        given: #"""
\theta \in (0, 1)
n = 10
x \in \{0, \dots, n\}
a, b \in (0.5, 5)
"""#,
        define: #"""

"""#,
        chains: [#"""
\theta^{x} (1 - \theta)^{n - x} \, \theta^{a - 1} (1 - \theta)^{b - 1}
  \propto \theta^{x + a - 1} (1 - \theta)^{n - x + b - 1}   % Beta-Binomial conjugacy
"""#, #"""
\theta^{x} (1 - \theta)^{n - x} \, \theta^{a - 1} (1 - \theta)^{b - 1}
  \propto \theta^{x + a} (1 - \theta)^{n - x + b - 1}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "affine_coupling",
        given: #"""
x \in \mathbb{R}^{2}
s, t : \mathbb{R} \to \mathbb{R}
"""#,
        define: #"""
y(x) = \begin{pmatrix} x_1 \\ x_2 e^{s(x_1)} + t(x_1) \end{pmatrix}
"""#,
        chains: [#"""
\det \frac{\partial y(x)}{\partial x}
  = e^{s(x_1)}   % triangular Jacobian
"""#, #"""
\det \frac{\partial y(x)}{\partial x}
  = e^{s(x_1)} + t(x_1)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "chain_rule",
        given: #"""
x \in \mathbb{R}
f, g : \mathbb{R} \to \mathbb{R}
"""#,
        define: #"""

"""#,
        chains: [#"""
\frac{d}{dx} f(g(x))
  = f'(g(x)) \, g'(x)
"""#, #"""
\frac{d}{dx} f(g(x))
  = f'(x) \, g'(x)
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "langevin_stationarity",
        given: #"""
x, m \in \mathbb{R}
v > 0
"""#,
        define: #"""
p(x) = \mathcal{N}(x; m, v)
"""#,
        chains: [#"""
-\frac{\partial}{\partial x}\left(p(x) \frac{\partial}{\partial x} \log p(x)\right) + \frac{\partial^2}{\partial x^2} p(x)
  = 0   % the Fokker–Planck right-hand side vanishes
"""#, #"""
-\frac{\partial}{\partial x}\left(p(x) \frac{\partial}{\partial x} \log p(x)\right) + \frac{1}{2} \frac{\partial^2}{\partial x^2} p(x)
  = 0
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "log_const_in_z",
        given: #"""
x, z \in \mathbb{R}
w \in \mathbb{R}
s > 0
"""#,
        define: #"""

"""#,
        chains: [#"""
\log \mathcal{N}(x; w z, s^2) + \log \mathcal{N}(z; 0, 1)
  = -\frac{1}{2}\left(1 + \frac{w^2}{s^2}\right) z^2 + \frac{w x}{s^2} z + \text{const}
"""#, #"""
\log \mathcal{N}(x; w z, s^2) + \log \mathcal{N}(z; 0, 1)
  = -\frac{1}{2}\left(1 + \frac{w^2}{s^2}\right) z^2 + \frac{w x}{s} z + \text{const}
"""#],
        wrongDefine: nil),
    ConformanceCase(
        name: "unchecked_limit",
        given: #"""
\sigma > 0
"""#,
        define: #"""

"""#,
        chains: [#"""
\lim_{n \to \infty} \left(1 + \frac{\sigma}{n}\right)^{n}
  = e^{\sigma}
"""#],
        wrongDefine: nil),
]
