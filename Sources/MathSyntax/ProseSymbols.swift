// The symbol rows of prose math: one entry per command, `name character` or `name character
// =latex` when the LaTeX book must spell it otherwise (a KaTeX alias, or a symbol outside the
// preamble's packages). Entries are grouped by how they print; the groups follow KaTeX's list of
// supported functions (letters, delimiters, big operators, binary operators, relations, negated
// relations, arrows, logic, symbols and punctuation, operator names).

/// The symbol rows, read from the groups below.
enum ProseSymbols {
    static let rows: [ProseRow] = {
        var rows: [ProseRow] = []
        rows += read(greekLower) { .identifier($0) }
        rows += read(greekUpper) { .upright($0) }
        rows += read(otherLetters) { .identifier($0) }
        rows += read(uprightOrdinary) { .upright($0) }
        rows += read(opening) { .open($0) }
        rows += read(closing) { .close($0) }
        rows += read(fences) { .fence($0) }
        rows += read(bigOperatorsWithLimits) { .largeOperator($0, limits: true) }
        rows += read(bigOperatorsWithoutLimits) { .largeOperator($0, limits: false) }
        rows += read(binaryOperators) { .binary($0) }
        rows += read(relations) { .relation($0) }
        rows += read(negatedRelations) { .relation($0) }
        rows += read(arrows) { .relation($0) }
        rows += read(punctuation) { .punctuation($0) }
        rows += read(textSymbols) { .textSymbol($0) }
        rows += read(namesWithLimits) { .operatorName($0, limits: true) }
        rows += read(namesWithoutLimits) { .operatorName($0, limits: false) }
        return rows
    }()

    /// Splits a group into entries (white space between fields, a new line between entries).
    static func read(_ group: String, as meaning: (String) -> ProseMeaning) -> [ProseRow] {
        group.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 2 else { return nil }
            let latex = fields.count > 2 && fields[2].hasPrefix("=") ? String(fields[2].dropFirst()) : nil
            // `_` stands for a space in a printed name (`arg_max` prints "arg max").
            return ProseRow(name: fields[0], meaning: meaning(String(fields[1].map { $0 == "_" && fields[1].count > 1 ? " " : $0 })),
                            latex: latex)
        }
    }

    static let greekLower = """
    alpha α
    beta β
    gamma γ
    delta δ
    epsilon ϵ
    varepsilon ε
    zeta ζ
    eta η
    theta θ
    vartheta ϑ
    thetasym ϑ =\\vartheta
    iota ι
    kappa κ
    varkappa ϰ
    lambda λ
    mu μ
    nu ν
    xi ξ
    omicron ο =o
    pi π
    varpi ϖ
    rho ρ
    varrho ϱ
    sigma σ
    varsigma ς
    tau τ
    upsilon υ
    phi ϕ
    varphi φ
    chi χ
    psi ψ
    omega ω
    digamma ϝ
    varGamma 𝛤
    varDelta 𝛥
    varTheta 𝛩
    varLambda 𝛬
    varXi 𝛯
    varPi 𝛱
    varSigma 𝛴
    varUpsilon 𝛶
    varPhi 𝛷
    varPsi 𝛹
    varOmega 𝛺
    """

    static let greekUpper = """
    Alpha Α =\\mathrm{A}
    Beta Β =\\mathrm{B}
    Gamma Γ
    Delta Δ
    Epsilon Ε =\\mathrm{E}
    Zeta Ζ =\\mathrm{Z}
    Eta Η =\\mathrm{H}
    Theta Θ
    Iota Ι =\\mathrm{I}
    Kappa Κ =\\mathrm{K}
    Lambda Λ
    Mu Μ =\\mathrm{M}
    Nu Ν =\\mathrm{N}
    Xi Ξ
    Omicron Ο =\\mathrm{O}
    Pi Π
    Rho Ρ =\\mathrm{P}
    Sigma Σ
    Tau Τ =\\mathrm{T}
    Upsilon Υ
    Phi Φ
    Chi Χ =\\mathrm{X}
    Psi Ψ
    Omega Ω
    """

    static let otherLetters = """
    imath ı
    jmath ȷ
    ell ℓ
    wp ℘
    weierp ℘ =\\wp
    """

    static let uprightOrdinary = """
    aleph ℵ
    alef ℵ =\\aleph
    alefsym ℵ =\\aleph
    beth ℶ
    gimel ℷ
    daleth ℸ
    eth ð
    nabla ∇
    partial ∂
    Game ⅁
    Finv Ⅎ
    cnums ℂ =\\mathbb{C}
    Complex ℂ =\\mathbb{C}
    hbar ℏ
    hslash ℏ
    Im ℑ
    image ℑ =\\Im
    Bbbk 𝕜
    N ℕ =\\mathbb{N}
    natnums ℕ =\\mathbb{N}
    R ℝ =\\mathbb{R}
    reals ℝ =\\mathbb{R}
    Reals ℝ =\\mathbb{R}
    Z ℤ =\\mathbb{Z}
    Re ℜ
    real ℜ =\\Re
    infty ∞
    infin ∞ =\\infty
    forall ∀
    exists ∃
    exist ∃ =\\exists
    nexists ∄
    complement ∁
    emptyset ∅
    empty ∅ =\\emptyset
    varnothing ⌀
    neg ¬
    lnot ¬
    dots …
    ldots …
    mathellipsis … =\\ldots
    cdots ⋯
    dotsb ⋯
    dotsi ⋯
    dotsm ⋯
    dotsc …
    dotso …
    ddots ⋱
    vdots ⋮
    checkmark ✓
    dag †
    dagger †
    ddag ‡
    ddagger ‡
    Dagger ‡ =\\ddagger
    angle ∠
    measuredangle ∡
    sphericalangle ∢
    top ⊤
    bot ⊥
    $ $
    % %
    # #
    & &
    _ _
    backprime ‵
    prime ′
    Box □ =\\square
    square □
    blacksquare ■
    triangle △
    triangledown ▽
    bigtriangledown ▽
    bigtriangleup △
    blacktriangle ▲
    blacktriangledown ▼
    blacktriangleleft ◀
    blacktriangleright ▶
    Diamond ◊ =\\lozenge
    lozenge ◊
    blacklozenge ⧫
    bigstar ★
    clubsuit ♣
    clubs ♣ =\\clubsuit
    diamondsuit ♢
    diamonds ♢ =\\diamondsuit
    heartsuit ♡
    hearts ♡ =\\heartsuit
    spadesuit ♠
    spades ♠ =\\spadesuit
    maltese ✠
    minuso ⦵
    surd √
    degree ° =^{\\circ}
    mho ℧
    diagdown ╲
    diagup ╱
    flat ♭
    natural ♮
    sharp ♯
    copyright © =\\text{\\copyright}
    circledR ®
    circledS Ⓢ
    pounds £ =\\text{\\pounds}
    mathsterling £ =\\text{\\pounds}
    yen ¥
    P ¶ =\\text{\\P}
    S § =\\text{\\S}
    sect § =\\text{\\S}
    lq ‘ =\\text{\\lq}
    rq ’ =\\text{\\rq}
    vartriangle △
    """

    static let opening = """
    lparen ( =(
    lbrack [ =[
    { {
    lbrace {
    langle ⟨
    lang ⟨ =\\langle
    lceil ⌈
    lfloor ⌊
    lmoustache ⎰
    lgroup ⟮
    ulcorner ⌜
    llcorner ⌞
    lvert |
    lVert ‖
    llbracket ⟦
    lBrace ⦃
    """

    static let closing = """
    rparen ) =)
    rbrack ] =]
    } }
    rbrace }
    rangle ⟩
    rang ⟩ =\\rangle
    rceil ⌉
    rfloor ⌋
    rmoustache ⎱
    rgroup ⟯
    urcorner ⌝
    lrcorner ⌟
    rvert |
    rVert ‖
    rrbracket ⟧
    rBrace ⦄
    """

    static let fences = """
    vert |
    Vert ‖
    | ‖
    uparrow ↑
    downarrow ↓
    updownarrow ↕
    Uparrow ⇑
    Downarrow ⇓
    Updownarrow ⇕
    backslash \\
    """

    static let bigOperatorsWithLimits = """
    sum ∑
    prod ∏
    coprod ∐
    bigotimes ⨂
    bigoplus ⨁
    bigodot ⨀
    biguplus ⨄
    bigsqcup ⨆
    bigvee ⋁
    bigwedge ⋀
    bigcap ⋂
    bigcup ⋃
    intop ∫
    """

    static let bigOperatorsWithoutLimits = """
    int ∫
    smallint ∫
    iint ∬
    iiint ∭
    oint ∮
    oiint ∯
    oiiint ∰
    """

    static let binaryOperators = """
    amalg ⨿
    And & =\\mathbin{\\&}
    ast ∗
    barwedge ⊼
    bigcirc ◯
    boxdot ⊡
    boxminus ⊟
    boxplus ⊞
    boxtimes ⊠
    bullet ∙
    Cap ⋒
    cap ∩
    cdot ⋅
    centerdot ⋅
    circ ∘
    circledast ⊛
    circledcirc ⊚
    circleddash ⊝
    Cup ⋓
    cup ∪
    curlyvee ⋎
    curlywedge ⋏
    div ÷
    divideontimes ⋇
    dotplus ∔
    doublebarwedge ⩞
    doublecap ⋒
    doublecup ⋓
    gtrdot ⋗
    intercal ⊺
    land ∧
    leftthreetimes ⋋
    lor ∨
    lessdot ⋖
    lhd ⊲ =\\vartriangleleft
    ltimes ⋉
    mp ∓
    odot ⊙
    ominus ⊖
    oplus ⊕
    otimes ⊗
    oslash ⊘
    pm ±
    plusmn ± =\\pm
    rhd ⊳ =\\vartriangleright
    rightthreetimes ⋌
    rtimes ⋊
    setminus ∖
    smallsetminus ∖
    sqcap ⊓
    sqcup ⊔
    times ×
    unlhd ⊴ =\\trianglelefteq
    unrhd ⊵ =\\trianglerighteq
    uplus ⊎
    vee ∨
    veebar ⊻
    wedge ∧
    wr ≀
    diamond ⋄
    star ⋆
    triangleleft ◃
    triangleright ▹
    """

    static let relations = """
    approx ≈
    approxcolon ≈:
    approxcoloncolon ≈∷
    approxeq ≊
    asymp ≍
    backepsilon ∍
    backsim ∽
    backsimeq ⋍
    between ≬
    bowtie ⋈
    bumpeq ≏
    Bumpeq ≎
    circeq ≗
    colonapprox :≈
    Colonapprox ∷≈
    coloncolonapprox ∷≈ =\\Colonapprox
    coloneq :−
    colonminus :− =\\coloneq
    Coloneq ∷−
    coloncolonminus ∷− =\\Coloneq
    coloneqq ≔
    colonequals ≔ =\\coloneqq
    Coloneqq ⩴
    coloncolonequals ⩴ =\\Coloneqq
    colonsim :∼
    Colonsim ∷∼
    coloncolonsim ∷∼ =\\Colonsim
    cong ≅
    curlyeqprec ⋞
    curlyeqsucc ⋟
    dashv ⊣
    dblcolon ∷
    coloncolon ∷ =\\dblcolon
    doteq ≐
    Doteq ≑ =\\doteqdot
    doteqdot ≑
    eqcirc ≖
    eqcolon ≕
    minuscolon −: =\\eqcolon
    Eqcolon −∷
    minuscoloncolon −∷ =\\Eqcolon
    eqqcolon ≕
    equalscolon ≕ =\\eqqcolon
    Eqqcolon =∷
    equalscoloncolon =∷ =\\Eqqcolon
    eqsim ≂
    eqslantgtr ⪖
    eqslantless ⪕
    equiv ≡
    fallingdotseq ≒
    frown ⌢
    ge ≥
    geq ≥
    geqq ≧
    geqslant ⩾
    gg ≫
    ggg ⋙
    gggtr ⋙
    gt > =>
    gtrapprox ⪆
    gtreqless ⋛
    gtreqqless ⪌
    gtrless ≷
    gtrsim ≳
    imageof ⊷
    in ∈
    isin ∈ =\\in
    Join ⋈
    le ≤
    leq ≤
    leqq ≦
    leqslant ⩽
    lessapprox ⪅
    lesseqgtr ⋚
    lesseqqgtr ⪋
    lessgtr ≶
    lesssim ≲
    ll ≪
    lll ⋘
    llless ⋘
    lt < =<
    mid ∣
    models ⊨
    multimap ⊸
    origof ⊶
    owns ∋
    ni ∋
    parallel ∥
    perp ⊥
    pitchfork ⋔
    prec ≺
    precapprox ⪷
    preccurlyeq ≼
    preceq ⪯
    precsim ≾
    propto ∝
    risingdotseq ≓
    shortmid ∣
    shortparallel ∥
    sim ∼
    simcolon ∼:
    simcoloncolon ∼∷
    simeq ≃
    smallfrown ⌢
    smallsmile ⌣
    smile ⌣
    sqsubset ⊏
    sqsubseteq ⊑
    sqsupset ⊐
    sqsupseteq ⊒
    Subset ⋐
    subset ⊂
    sub ⊂ =\\subset
    subseteq ⊆
    sube ⊆ =\\subseteq
    subseteqq ⫅
    succ ≻
    succapprox ⪸
    succcurlyeq ≽
    succeq ⪰
    succsim ≿
    Supset ⋑
    supset ⊃
    supseteq ⊇
    supe ⊇ =\\supseteq
    supseteqq ⫆
    thickapprox ≈
    thicksim ∼
    trianglelefteq ⊴
    triangleq ≜
    trianglerighteq ⊵
    varpropto ∝
    vartriangleleft ⊲
    vartriangleright ⊳
    vcentcolon ∶
    ratio ∶ =\\vcentcolon
    vdash ⊢
    vDash ⊨
    Vdash ⊩
    Vvdash ⊪
    therefore ∴
    because ∵
    """

    static let negatedRelations = """
    ne ≠
    neq ≠
    notin ∉
    notni ∌ =\\not\\ni
    gnapprox ⪊
    gneq ⪈
    gneqq ≩
    gnsim ⋧
    gvertneqq ≩
    lnapprox ⪉
    lneq ⪇
    lneqq ≨
    lnsim ⋦
    lvertneqq ≨
    ncong ≆
    ngeq ≱
    ngeqq ≱
    ngeqslant ≱
    ngtr ≯
    nleq ≰
    nleqq ≰
    nleqslant ≰
    nless ≮
    nmid ∤
    nparallel ∦
    nprec ⊀
    npreceq ⋠
    nshortmid ∤
    nshortparallel ∦
    nsim ≁
    nsubseteq ⊈
    nsubseteqq ⊈
    nsucc ⊁
    nsucceq ⋡
    nsupseteq ⊉
    nsupseteqq ⊉
    ntriangleleft ⋪
    ntrianglelefteq ⋬
    ntriangleright ⋫
    ntrianglerighteq ⋭
    nvdash ⊬
    nvDash ⊭
    nVDash ⊯
    nVdash ⊮
    precnapprox ⪹
    precneqq ⪵
    precnsim ⋨
    subsetneq ⊊
    subsetneqq ⫋
    succnapprox ⪺
    succneqq ⪶
    succnsim ⋩
    supsetneq ⊋
    supsetneqq ⫌
    varsubsetneq ⊊
    varsubsetneqq ⫋
    varsupsetneq ⊋
    varsupsetneqq ⫌
    """

    static let arrows = """
    circlearrowleft ↺
    circlearrowright ↻
    curvearrowleft ↶
    curvearrowright ↷
    Darr ⇓ =\\Downarrow
    dArr ⇓ =\\Downarrow
    darr ↓ =\\downarrow
    dashleftarrow ⇠
    dashrightarrow ⇢
    downdownarrows ⇊
    downharpoonleft ⇃
    downharpoonright ⇂
    gets ←
    Harr ⇔ =\\Leftrightarrow
    hArr ⇔ =\\Leftrightarrow
    harr ↔ =\\leftrightarrow
    hookleftarrow ↩
    hookrightarrow ↪
    iff ⟺
    impliedby ⟸
    implies ⟹
    Larr ⇐ =\\Leftarrow
    lArr ⇐ =\\Leftarrow
    larr ← =\\leftarrow
    leadsto ⇝
    leftarrow ←
    Leftarrow ⇐
    leftarrowtail ↢
    leftharpoondown ↽
    leftharpoonup ↼
    leftleftarrows ⇇
    leftrightarrow ↔
    Leftrightarrow ⇔
    leftrightarrows ⇆
    leftrightharpoons ⇋
    leftrightsquigarrow ↭
    Lleftarrow ⇚
    longleftarrow ⟵
    Longleftarrow ⟸
    longleftrightarrow ⟷
    Longleftrightarrow ⟺
    longmapsto ⟼
    longrightarrow ⟶
    Longrightarrow ⟹
    looparrowleft ↫
    looparrowright ↬
    Lrarr ⇔ =\\Leftrightarrow
    lrArr ⇔ =\\Leftrightarrow
    lrarr ↔ =\\leftrightarrow
    Lsh ↰
    mapsto ↦
    nearrow ↗
    nleftarrow ↚
    nLeftarrow ⇍
    nleftrightarrow ↮
    nLeftrightarrow ⇎
    nrightarrow ↛
    nRightarrow ⇏
    nwarrow ↖
    Rarr ⇒ =\\Rightarrow
    rArr ⇒ =\\Rightarrow
    rarr → =\\rightarrow
    restriction ↾
    rightarrow →
    Rightarrow ⇒
    rightarrowtail ↣
    rightharpoondown ⇁
    rightharpoonup ⇀
    rightleftarrows ⇄
    rightleftharpoons ⇌
    rightrightarrows ⇉
    rightsquigarrow ⇝
    Rrightarrow ⇛
    Rsh ↱
    searrow ↘
    swarrow ↙
    to →
    twoheadleftarrow ↞
    twoheadrightarrow ↠
    Uarr ⇑ =\\Uparrow
    uArr ⇑ =\\Uparrow
    uarr ↑ =\\uparrow
    upharpoonleft ↿
    upharpoonright ↾
    upuparrows ⇈
    """

    static let punctuation = """
    colon :
    cdotp ⋅
    ldotp .
    sdot ⋅ =\\cdot
    """

    /// Characters of text mode (inside `\text{…}`, and in math as text).
    static let textSymbols = """
    textunderscore _
    textendash –
    textemdash —
    textdagger †
    textdaggerdbl ‡
    textasciitilde ~
    textasciicircum ^
    textquoteleft ‘
    textquoteright ’
    textquotedblleft “
    textquotedblright ”
    textless <
    textgreater >
    textbar |
    textbardbl ‖
    textbraceleft {
    textbraceright }
    textbackslash \\
    textdollar $
    textsterling £
    textdegree °
    textregistered ®
    textellipsis …
    ss ß
    aa å
    AA Å
    ae æ
    AE Æ
    oe œ
    OE Œ
    o ø
    O Ø
    i ı
    j ȷ
    """

    static let namesWithLimits = """
    det det
    gcd gcd
    inf inf
    lim lim
    liminf lim_inf
    limsup lim_sup
    max max
    min min
    Pr Pr
    sup sup
    argmax arg_max =\\operatorname*{arg\\,max}
    argmin arg_min =\\operatorname*{arg\\,min}
    injlim inj_lim
    plim plim =\\operatorname*{plim}
    projlim proj_lim
    """

    static let namesWithoutLimits = """
    arcsin arcsin
    arccos arccos
    arctan arctan
    arctg arctg =\\operatorname{arctg}
    arcctg arcctg =\\operatorname{arcctg}
    arg arg
    ch ch =\\operatorname{ch}
    cos cos
    cosec cosec =\\operatorname{cosec}
    cosh cosh
    cot cot
    cotg cotg =\\operatorname{cotg}
    coth coth
    csc csc
    ctg ctg =\\operatorname{ctg}
    cth cth =\\operatorname{cth}
    deg deg
    dim dim
    exp exp
    hom hom
    ker ker
    lg lg
    ln ln
    log log
    sec sec
    sin sin
    sinh sinh
    sh sh =\\operatorname{sh}
    tan tan
    tanh tanh
    tg tg =\\operatorname{tg}
    th th =\\operatorname{th}
    """
}
