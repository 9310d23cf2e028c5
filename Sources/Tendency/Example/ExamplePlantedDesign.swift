/// The structure planted in the example data: two strategic tendencies
/// modelled on the two successor organisations described in the source
/// documents, told here in our own words.
///
/// - **governing-front**: the decisive fight of this period is against a
///   rising authoritarian far right; the road to socialism runs through
///   contesting for and winning power in the existing state, with a mass party
///   and a broad front. Its bloc is centred on the multiracial working class,
///   organised labour and a broad majority against authoritarian rule; its
///   choke points are electoral coalitions, state governments and the courts;
///   success means democratic space secured and the left in government.
/// - **bloc-from-below**: the capitalist class is the main enemy whichever
///   camp runs the state, and the task is to build an anti-imperialist bloc
///   from below: oppressed nationalities, indigenous peoples, the global South
///   and its diaspora, precarious workers, joined directly with struggles
///   abroad. Its power is independent organisation, strikes, disruption and a
///   solidarity economy; its choke points are logistics, extraction and the
///   military and police apparatus (contested among its members); success
///   means independent people's power and a weakened empire.
///
/// Both share a socialist, feminist, ecologically regenerative vision, the
/// capitalist class as opponent, the contradiction of capital and labour, and
/// mass movements as a basis of power: these are the planted consensus codes.
/// Each tendency's situational objective is split between two codes
/// (contested). Leanings, ideological traditions and sectors are drawn apart
/// from the tendency, so they cut across both.
///
/// Every code id and form below must exist in
/// Fixtures/codebook/strategy-toolkit.yaml (a test checks it); this file does
/// not read the codebook so that the generator needs no codebook parser.
enum ExamplePlantedDesign {
    /// The planted tendencies, in the order of `PlantedCode.weights`.
    static let tendencies = ["governing-front", "bloc-from-below"]

    enum Kind: Sendable { case multi, single, ordinal }

    /// A code: its id, the words coders may write for it (ordered by the
    /// member's vocabulary: Marxist-Leninist and national-liberation, then
    /// democratic-socialist, then movement traditions; used cyclically), and
    /// the chance it is in a sketch of each tendency (multi), or its weight
    /// (single, ordinal). Leaning and context codes have one popularity,
    /// used for every member alike.
    struct PlantedCode: Sendable {
        let id: String
        let forms: [String]
        let weights: [Double]
        init(_ id: String, _ forms: [String], _ governing: Double, _ bloc: Double) {
            self.id = id; self.forms = forms; weights = [governing, bloc]
        }
        init(_ id: String, _ forms: [String], popularity: Double) {
            self.id = id; self.forms = forms; weights = [popularity, popularity]
        }
    }

    struct PlantedElement: Sendable {
        let id: String
        let kind: Kind
        let codes: [PlantedCode]
    }

    /// The orientation elements, in codebook order.
    static let orientation: [PlantedElement] = [
        PlantedElement(id: "vision", kind: .multi, codes: [
            .init("socialist-economy", ["socialism", "21st-century socialism", "socialized economy"], 0.92, 0.92),
            .init("feminist-society", ["feminist socialism", "end of patriarchy", "gender liberation"], 0.70, 0.75),
            .init("regenerative-economy", ["ecosocialism", "regenerative society", "living within planetary limits"], 0.65, 0.70),
            .init("decolonised-state", ["self-determination of nations", "decolonizing state", "land back"], 0.55, 0.45),
            .init("popular-democracy", ["people's democracy", "participatory democracy", "direct democracy"], 0.35, 0.45),
            .init("internationalist-world", ["world without imperialism", "internationalism", "solidarity among peoples"], 0.45, 0.70),
            .init("abolition", ["abolition democracy", "world without prisons", "no police no prisons"], 0.15, 0.30),
            .init("stateless-federation", ["communalism", "libertarian communism", "federation of communes"], 0.03, 0.12),
        ]),
        PlantedElement(id: "bloc", kind: .multi, codes: [
            .init("working-class", ["proletariat", "working class", "workers"], 0.95, 0.75),
            .init("oppressed-nationalities", ["oppressed nationalities", "communities of color", "people of color"], 0.55, 0.90),
            .init("indigenous-peoples", ["indigenous nations", "native nations", "native communities"], 0.15, 0.55),
            .init("global-south-diaspora", ["third world peoples", "global south", "diaspora communities"], 0.08, 0.75),
            .init("immigrants", ["immigrant workers", "migrants", "undocumented people"], 0.30, 0.45),
            .init("gender-oppressed", ["women", "gender oppressed people", "queer and trans people"], 0.35, 0.50),
            .init("precarious-workers", ["low-wage workers", "precarious workers", "domestic workers"], 0.20, 0.60),
            .init("organised-labour", ["trade unions", "organized labor", "unions"], 0.70, 0.20),
            .init("progressive-middle-strata", ["petty bourgeoisie", "middle class", "progressive professionals"], 0.50, 0.05),
            .init("youth-and-students", ["students", "young people"], 0.30, 0.20),
            .init("anti-authoritarian-majority", ["anti-fascist majority", "multiracial democratic majority", "democratic majority"], 0.65, 0.05),
        ]),
        PlantedElement(id: "opposition", kind: .multi, codes: [
            .init("capitalist-class", ["bourgeoisie", "ruling class", "capitalists"], 0.85, 0.95),
            .init("far-right-bloc", ["fascists", "far right", "maga movement", "neo-confederates"], 0.95, 0.35),
            .init("neoliberal-establishment", ["liberal capitalists", "corporate democrats", "neoliberals"], 0.20, 0.60),
            .init("us-empire", ["us imperialism", "empire", "imperial core"], 0.45, 0.85),
            .init("extractive-capital", ["extractive industries", "fossil fuel industry", "big oil"], 0.15, 0.50),
            .init("carceral-state", ["prison industrial complex", "police and prisons", "policing"], 0.10, 0.45),
            .init("finance-capital", ["financial capital", "wall street", "the banks"], 0.25, 0.20),
        ]),
        PlantedElement(id: "contradictions", kind: .multi, codes: [
            .init("capital-labour", ["class contradiction", "capital vs labor", "class struggle"], 0.80, 0.80),
            .init("democracy-authoritarianism", ["fascism vs democracy", "minority rule", "authoritarianism"], 0.85, 0.15),
            .init("empire-periphery", ["imperialism vs oppressed nations", "core and periphery", "empire vs global south"], 0.20, 0.85),
            .init("racial-capitalism", ["national oppression", "racial capitalism", "white supremacy"], 0.60, 0.70),
            .init("patriarchy", ["gender oppression", "sexism", "cisheteropatriarchy"], 0.50, 0.60),
            .init("ecological-crisis", ["metabolic rift", "climate crisis", "extractivism"], 0.35, 0.65),
            .init("ruling-class-split", ["ruling class divisions", "divisions among elites", "fractures in capital"], 0.50, 0.05),
        ]),
        PlantedElement(id: "chokepoints", kind: .multi, codes: [
            .init("electoral-coalitions", ["elections", "electoral majorities", "voting blocs"], 0.75, 0.05),
            .init("state-governments", ["state trifectas", "state legislatures", "statehouses"], 0.60, 0.03),
            .init("courts-and-rules", ["the courts", "voting rights", "election rules"], 0.45, 0.03),
            .init("logistics", ["supply chains", "ports and warehouses", "logistics hubs"], 0.08, 0.55),
            .init("extraction-sites", ["resource extraction", "pipelines and mines", "extractive projects"], 0.05, 0.45),
            .init("military-and-police", ["militarism", "security apparatus", "police training centres"], 0.05, 0.45),
            .init("social-reproduction", ["reproductive labor", "care work", "domestic work"], 0.05, 0.35),
            .init("ideology-and-media", ["hegemony", "media", "narrative"], 0.35, 0.30),
        ]),
        PlantedElement(id: "power-basis", kind: .multi, codes: [
            .init("electoral-power", ["governing power", "votes", "elected office"], 0.80, 0.05),
            .init("mass-party", ["party", "workers party", "party of the left"], 0.70, 0.10),
            .init("strike-power", ["strikes", "wildcat strikes", "withholding labor"], 0.35, 0.50),
            .init("independent-organisations", ["people's organizations", "independent power", "base organizations"], 0.15, 0.85),
            .init("disruption", ["mass disruption", "disruptive power", "blockades"], 0.10, 0.50),
            .init("solidarity-economy", ["cooperatives", "worker cooperatives", "mutual aid networks"], 0.05, 0.45),
            .init("mass-movements", ["popular movements", "social movements", "people in the streets"], 0.70, 0.65),
            .init("broad-front", ["united front", "popular front", "coalitions"], 0.55, 0.10),
        ]),
        PlantedElement(id: "objective", kind: .single, codes: [
            .init("defeat-far-right", ["defeat fascism", "beat back the far right", "defeat maga"], 0.60, 0.04),
            .init("win-governing-power", ["win state power", "win governing majorities", "govern"], 0.25, 0.01),
            .init("build-anti-imperialist-bloc", ["anti-imperialist bloc", "bloc from below", "connect to the global left"], 0.01, 0.50),
            .init("build-independent-power", ["build dual power", "build base power", "build counter-power"], 0.02, 0.38),
            .init("rebuild-the-left", ["unite party and movement left", "rebuild the left", "left unity"], 0.12, 0.07),
        ]),
        PlantedElement(id: "state-power", kind: .ordinal, codes: [
            .init("peripheral", ["outside the state", "against the state"], 0.02, 0.45),
            .init("partial", ["one front", "inside-outside"], 0.20, 0.50),
            .init("central", ["winning state power", "through the state"], 0.78, 0.05),
        ]),
        PlantedElement(id: "correlation-shift", kind: .multi, codes: [
            .init("democratic-space", ["democratic rights defended", "open democratic space", "protect democracy"], 0.80, 0.10),
            .init("left-in-government", ["left governing majority", "left in government", "progressive governing power"], 0.65, 0.03),
            .init("working-class-capacity", ["class power", "stronger working class", "more organized workers"], 0.60, 0.55),
            .init("independent-peoples-power", ["dual power", "peoples power", "autonomous power"], 0.08, 0.75),
            .init("empire-weakened", ["imperialism weakened", "weakened empire", "room for self-determination"], 0.40, 0.70),
            .init("left-unity", ["united left", "consolidated left", "party and movement left united"], 0.50, 0.15),
            .init("global-left", ["internationalist left", "global left", "international left from below"], 0.10, 0.70),
        ]),
    ]

    /// Leanings, with how often members hold each: independent of tendency.
    static let leanings = PlantedElement(id: "leanings", kind: .multi, codes: [
        .init("base-building", ["base building", "deep organizing", "organizing the unorganized"], popularity: 0.45),
        .init("prefigurative", ["prefigurative politics", "prefiguration"], popularity: 0.15),
        .init("insurrectionist", ["revolutionary rupture", "insurrectionary", "insurrection"], popularity: 0.10),
        .init("electoral", ["electoral work", "electoral organizing", "running candidates"], popularity: 0.25),
        .init("mass-mobilisation", ["mass mobilization", "mass protest", "mobilizing"], popularity: 0.25),
        .init("mutual-aid", ["mutual aid", "survival programs"], popularity: 0.20),
        .init("workplace-organising", ["rank and file organizing", "workplace organizing", "labor organizing"], popularity: 0.25),
        .init("direct-action", ["direct action", "civil disobedience"], popularity: 0.20),
        .init("policy-advocacy", ["policy advocacy", "advocacy", "policy campaigns"], popularity: 0.15),
        .init("narrative-culture", ["cultural work", "narrative work", "culture shift"], popularity: 0.12),
        .init("political-education", ["cadre development", "popular education", "study groups"], popularity: 0.18),
    ])

    /// Ideological traditions: independent of tendency. One of the traditions
    /// a member holds sets the vocabulary of their sketch (`vocabulary`).
    static let traditions = PlantedElement(id: "tradition", kind: .multi, codes: [
        .init("marxist-leninist", ["marxism-leninism", "ml", "leninist"], popularity: 0.16),
        .init("maoist", ["maoism", "mao zedong thought"], popularity: 0.07),
        .init("trotskyist", ["trotskyism"], popularity: 0.05),
        .init("democratic-socialist", ["democratic socialism", "demsoc"], popularity: 0.16),
        .init("anarchist", ["anarchism", "libertarian socialist"], popularity: 0.08),
        .init("abolitionist", ["abolition", "prison abolitionist"], popularity: 0.08),
        .init("indigenous-sovereignty", ["native sovereignty", "indigenous resurgence"], popularity: 0.05),
        .init("black-radical", ["black radical tradition", "black liberation"], popularity: 0.09),
        .init("feminist", ["socialist feminist", "black feminist", "feminism"], popularity: 0.12),
        .init("national-liberation", ["third world liberation", "anti-colonial"], popularity: 0.07),
        .init("ecosocialist", ["ecosocialism", "eco-socialist"], popularity: 0.05),
        .init("liberation-theology", ["liberation theology", "christian left"], popularity: 0.02),
    ])

    /// The vocabulary (index into `PlantedCode.forms`) of each tradition, in
    /// the order of `traditions.codes`.
    static let vocabulary = [0, 0, 1, 1, 2, 2, 2, 2, 2, 0, 1, 1]

    /// Sectors of movement work: independent of tendency.
    static let sectors = PlantedElement(id: "sector", kind: .multi, codes: [
        .init("labour", ["labor", "unions", "worker centres"], popularity: 0.15),
        .init("housing", ["tenant organizing", "housing justice"], popularity: 0.12),
        .init("immigrant-rights", ["migrant justice", "immigrant justice"], popularity: 0.09),
        .init("climate-justice", ["climate justice", "environmental justice"], popularity: 0.10),
        .init("racial-justice", ["racial justice", "anti-racist organizing"], popularity: 0.10),
        .init("gender-justice", ["reproductive justice", "queer liberation"], popularity: 0.08),
        .init("anti-war", ["international solidarity", "anti-war", "palestine solidarity"], popularity: 0.08),
        .init("electoral-politics", ["elections", "independent political organizing"], popularity: 0.08),
        .init("education", ["education justice", "student organizing"], popularity: 0.07),
        .init("health", ["health justice", "healthcare"], popularity: 0.06),
        .init("criminal-legal", ["decarceration", "prison organizing", "police accountability"], popularity: 0.07),
    ])

    enum Scale: String, Sendable { case likert5, agree3, numeric }
    enum Role: String, Sendable { case orientation, leaning, context }

    /// What moves an item's answers.
    enum Driver: Sendable {
        /// `mean` plus `loading` towards governing-front (+) or
        /// bloc-from-below (-), on the 1-5 scale's centred values.
        case tendency(mean: Double, loading: Double)
        /// Higher for members holding this leaning.
        case leaning(String)
        /// Self-assessed clarity about one's orientation: lower for members
        /// not yet aligned.
        case clarity
        /// Years of movement experience.
        case years
    }

    /// A survey item. `text` is phrased as the respondent reads it; for a
    /// `reverse` item, agreeing means leaning away from governing-front.
    struct PlantedItem: Sendable {
        let id: String
        let text: String
        let scale: Scale
        let role: Role
        let reverse: Bool
        let driver: Driver
    }

    /// The 25-item alignment survey: 21 orientation items separating the
    /// tendencies moderately (a few are consensus items), 2 leaning items and
    /// 2 context items; 4 are reverse-coded and 4 use the agree3 scale.
    static let survey: [PlantedItem] = [
        .init(id: "q01", text: "Defeating the far right's authoritarian project is the most urgent objective of this period.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.3, loading: 0.6)),
        .init(id: "q02", text: "Winning governing power in the existing state is a necessary step toward socialism.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.0, loading: 0.5)),
        .init(id: "q03", text: "Election campaigns mostly divert energy from building the people's own organisations.",
              scale: .likert5, role: .orientation, reverse: true, driver: .tendency(mean: 0.0, loading: 0.45)),
        .init(id: "q04", text: "The left needs a mass party able to contest for power.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.2, loading: 0.45)),
        .init(id: "q05", text: "A bloc centred on the multiracial working class can become a governing majority.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.3, loading: 0.4)),
        .init(id: "q06", text: "Oppressed nationalities and communities rooted in the global South should form the core of our bloc.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.3, loading: -0.45)),
        .init(id: "q07", text: "Our main enemy is the capitalist class, whichever party runs the government.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.9, loading: -0.4)),
        .init(id: "q08", text: "Breaking the far right's hold on state governments would change the terrain for every other struggle.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.1, loading: 0.5)),
        .init(id: "q09", text: "The movement has the most leverage where it can disrupt logistics, extraction or militarism.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.0, loading: -0.45)),
        .init(id: "q10", text: "Tactical alliances with liberal forces are sometimes needed to defend democratic rights.",
              scale: .agree3, role: .orientation, reverse: false, driver: .tendency(mean: 0.2, loading: 0.6)),
        .init(id: "q11", text: "A socialist society must also be feminist and ecologically regenerative.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 1.3, loading: 0.0)),
        .init(id: "q12", text: "Opposing US empire belongs at the centre of any strategy pursued inside the United States.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 1.0, loading: -0.2)),
        .init(id: "q13", text: "Building institutions independent of the state, such as cooperatives and assemblies, matters more than winning office.",
              scale: .likert5, role: .orientation, reverse: true, driver: .tendency(mean: 0.0, loading: 0.45)),
        .init(id: "q14", text: "Uniting the party-building left with the social movement left is a precondition for winning.",
              scale: .agree3, role: .orientation, reverse: false, driver: .tendency(mean: 0.5, loading: 0.4)),
        .init(id: "q15", text: "The coming decade will be decided mainly in elections and state institutions.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: -0.2, loading: 0.45)),
        .init(id: "q16", text: "Our organising should tie struggles here directly to movements in the global South from the start.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 0.3, loading: -0.45)),
        .init(id: "q17", text: "Capitalism today is a single, globally integrated system.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 1.2, loading: 0.0)),
        .init(id: "q18", text: "The Democratic Party establishment is as much an obstacle as the far right.",
              scale: .agree3, role: .orientation, reverse: false, driver: .tendency(mean: 0.0, loading: -0.5)),
        .init(id: "q19", text: "Electoral coalitions with progressives water down revolutionary politics.",
              scale: .likert5, role: .orientation, reverse: true, driver: .tendency(mean: -0.1, loading: 0.4)),
        .init(id: "q20", text: "Free speech and free association are worth defending as ground for the struggles to come.",
              scale: .likert5, role: .orientation, reverse: false, driver: .tendency(mean: 1.0, loading: 0.3)),
        .init(id: "q21", text: "The movement's power comes first from independent organisations of the oppressed, not from the ballot.",
              scale: .agree3, role: .orientation, reverse: true, driver: .tendency(mean: 0.0, loading: 0.5)),
        .init(id: "q22", text: "Most of my movement work is one-on-one base building.",
              scale: .likert5, role: .leaning, reverse: false, driver: .leaning("base-building")),
        .init(id: "q23", text: "I spend much of my organising time on electoral campaigns.",
              scale: .likert5, role: .leaning, reverse: false, driver: .leaning("electoral")),
        .init(id: "q24", text: "I am clear about which strategic orientation I am aligned with.",
              scale: .likert5, role: .context, reverse: false, driver: .clarity),
        .init(id: "q25", text: "How many years have you been doing movement work?",
              scale: .numeric, role: .context, reverse: false, driver: .years),
    ]
}
