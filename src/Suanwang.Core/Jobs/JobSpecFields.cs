using Suanwang.Core.Schemas;

namespace Suanwang.Core.Jobs;

/// <summary>
/// The fields of a job spec (docs/formats/job.md): what <see cref="JobSpecReader"/> accepts and
/// what the JSON Schema in the OpenAPI document says, from this one definition.
/// </summary>
public static class JobSpecFields
{
    /// <summary>The longest <c>estimated_runtime</c> and <c>time_limit</c>, in seconds: 365 days.</summary>
    public const double MaxDurationSeconds = 365 * 86_400;

    // ISO 3166-1 alpha-2, optionally with a zone; the reader then checks the code is assigned.
    private const string JurisdictionPattern = "^[A-Za-z]{2}(:.+)?$";

    // MODEL or MODEL:CARDS; the reader then checks the model is in the catalog.
    private const string ModelPattern = "^[^:]+(:[0-9]+)?$";

    /// <summary><c>inputs[].name</c>.</summary>
    public static readonly Field InputName = new("name", FieldKind.Text, "Dataset name.") { Required = true };

    /// <summary><c>inputs[].size_gb</c>.</summary>
    public static readonly Field InputSize = new("size_gb", FieldKind.Number, "Size in GB (10^9 bytes); drives the transfer time to the chosen site.")
    {
        Required = true,
        Min = 0,
        Max = 1e9,
    };

    /// <summary><c>inputs[].site</c>.</summary>
    public static readonly Field InputSite = new("site", FieldKind.Text, "Id of the site that holds the data; absent when it comes from outside the network.");

    /// <summary><c>inputs[].jurisdiction</c>.</summary>
    public static readonly Field InputJurisdiction = new("jurisdiction", FieldKind.Text, "Where the data's law applies: CC or CC:zone (ISO 3166-1 alpha-2).")
    {
        Required = true,
        Pattern = JurisdictionPattern,
    };

    /// <summary><c>inputs[].class</c>.</summary>
    public static readonly Field InputClass = new("class", FieldKind.Choice, "Data-security class; important and core data may not leave their jurisdiction.")
    {
        Default = "general",
        Values = Enum.GetNames<DataClass>().Select(n => n.ToLowerInvariant()).ToArray(),
    };

    /// <summary>The fields of one input.</summary>
    public static readonly FieldSet InputFields = new(
        "JobInput", "A dataset the job reads: where it lives and what law binds it.", InputName, InputSize, InputSite, InputJurisdiction, InputClass);

    /// <summary><c>budget.amount</c>.</summary>
    public static readonly Field BudgetAmount = new("amount", FieldKind.Decimal, "Most the tenant will pay, in the currency's major unit; at most a trillion.")
    {
        Required = true,
        Min = 0,

        // A trillion major units is 10^15 minor units at three decimals, far inside a long and a
        // decimal, so rate conversion and reservation sums cannot overflow.
        Max = 1e12,
    };

    /// <summary><c>budget.currency</c>.</summary>
    public static readonly Field BudgetCurrency = new("currency", FieldKind.Text, "ISO 4217 currency code.") { Required = true, Pattern = "^[A-Z]{3}$" };

    /// <summary>The fields of a budget.</summary>
    public static readonly FieldSet BudgetFields = new("JobBudget", "Most the tenant will pay for the job.", BudgetAmount, BudgetCurrency);

    /// <summary><c>resources.accelerators</c>.</summary>
    public static readonly Field Accelerators = new(
        "accelerators",
        FieldKind.ValuesOrCounts,
        "Acceptable models (catalog ids or aliases): one MODEL or MODEL:CARDS, a list in order of preference, or a mapping {MODEL: CARDS} of models that are equally good. Absent means any model.")
    {
        Min = 1,
        Max = 64,
        Pattern = ModelPattern,
    };

    /// <summary><c>resources.cards</c>.</summary>
    public static readonly Field Cards = new("cards", FieldKind.WholeNumber, "Cards per node; must agree with a count named in accelerators. Default: that count, else 1.")
    {
        Min = 1,
        Max = 64,
    };

    /// <summary><c>resources.pflops</c>.</summary>
    public static readonly Field Pflops = new("pflops", FieldKind.Number, "PFLOPS of dense FP16 to ask for instead of a card count; not with cards or counts in accelerators.")
    {
        Min = 0.0001,
        Max = 1e7,
    };

    /// <summary><c>resources.min_memory_gib</c>.</summary>
    public static readonly Field MinMemory = new("min_memory_gib", FieldKind.Number, "Minimum memory per card, in GiB.") { Min = 0, Max = 4096, Default = "0" };

    /// <summary>The fields of <c>resources</c>.</summary>
    public static readonly FieldSet ResourceFields = new(
        "JobResources", "What the job needs: cards of acceptable models, or an amount of P. May be empty (one card of any model).", Accelerators, Cards, Pflops, MinMemory);

    /// <summary><c>name</c>.</summary>
    public static readonly Field Name = new("name", FieldKind.Text, "Job name.") { Required = true };

    /// <summary><c>tenant</c>.</summary>
    public static readonly Field Tenant = new("tenant", FieldKind.Text, "The tenant that pays; default: the tenant of the API key that sends the spec.");

    /// <summary><c>run</c>.</summary>
    public static readonly Field Run = new("run", FieldKind.Text, "The command to run.");

    /// <summary><c>num_nodes</c>.</summary>
    public static readonly Field NumNodes = new("num_nodes", FieldKind.WholeNumber, "Nodes in the gang, all at one site; leave out when asking for pflops.")
    {
        Min = 1,
        Max = 100_000,
        Default = "1",
    };

    /// <summary><c>resources</c>.</summary>
    public static readonly Field Resources = new("resources", FieldKind.Mapping, ResourceFields.Description + " Default: one card of any model.") { Fields = ResourceFields };

    /// <summary><c>estimated_runtime</c>.</summary>
    public static readonly Field EstimatedRuntime = new(
        "estimated_runtime",
        FieldKind.Duration,
        "Expected run time on the reference model (for a pflops job, with exactly the requested P): seconds, or a duration such as 90s, 15m, 2h, 1.5d, 1h30m; at most 365d. Default: the time limit, else 1h.")
    {
        Max = MaxDurationSeconds,
        Pattern = DurationText.Pattern,
    };

    /// <summary>What the scheduler plans with for a spec that gives neither an estimate nor a time limit: one hour.</summary>
    public const double DefaultRuntimeSeconds = 3600;

    /// <summary><c>reference_model</c>.</summary>
    public static readonly Field ReferenceModel = new("reference_model", FieldKind.Text, "Catalog id or alias of the model the estimate was made on; default: the first model in accelerators.");

    /// <summary><c>scale_runtime</c>.</summary>
    public static readonly Field ScaleRuntime = new("scale_runtime", FieldKind.Boolean, "Whether the run time on another model scales with its relative dense FP16 speed.") { Default = "true" };

    /// <summary><c>time_limit</c>.</summary>
    public static readonly Field TimeLimit = new("time_limit", FieldKind.Duration, "The longest the job may run: seconds, or a duration such as 90s, 15m, 2h, 1.5d, 1h30m; at most 365d.")
    {
        Max = MaxDurationSeconds,
        Pattern = DurationText.Pattern,
    };

    /// <summary><c>priority</c>.</summary>
    public static readonly Field Priority = new("priority", FieldKind.WholeNumber, "Higher runs first under the priority policy.")
    {
        Min = -1_000_000,
        Max = 1_000_000,
        Default = "0",
    };

    /// <summary><c>spot</c>.</summary>
    public static readonly Field Spot = new("spot", FieldKind.Boolean, "Spot work pays the spot price and may be preempted.") { Default = "false" };

    /// <summary><c>budget</c>.</summary>
    public static readonly Field Budget = new("budget", FieldKind.Mapping, BudgetFields.Description + " Absent means no cap.") { Fields = BudgetFields };

    /// <summary><c>inputs</c>.</summary>
    public static readonly Field Inputs = new("inputs", FieldKind.MappingList, "Datasets the job reads.") { Fields = InputFields };

    /// <summary><c>allowed_jurisdictions</c>.</summary>
    public static readonly Field AllowedJurisdictions = new(
        "allowed_jurisdictions",
        FieldKind.ValueOrList,
        "Where the job may run: CC or CC:zone, or a list of them. Absent means anywhere its data allows.")
    {
        Pattern = JurisdictionPattern,
    };

    /// <summary><c>datasets</c>.</summary>
    public static readonly Field Datasets = new(
        "datasets",
        FieldKind.ValueOrList,
        "Registered datasets the job reads, by id (POST /api/v1/datasets); the data-law engine decides where they may be processed (docs/law.md).")
    {
        Pattern = "^[a-z0-9][a-z0-9._-]{0,63}$",
    };

    /// <summary>The grace period of a stopped preemptible or elastic job that gives none: 30 seconds.</summary>
    public const double DefaultGraceSeconds = 30;

    /// <summary><c>preemptible</c>.</summary>
    public static readonly Field Preemptible = new(
        "preemptible",
        FieldKind.Boolean,
        "The job checkpoints when sent SIGTERM (to SUANWANG_CHECKPOINT_DIR) and resumes from its checkpoint, so the scheduler may stop it for more urgent work and queue it again.")
    {
        Default = "false",
    };

    /// <summary><c>grace</c>.</summary>
    public static readonly Field Grace = new(
        "grace",
        FieldKind.Duration,
        "How long a preemptible or elastic job has, after SIGTERM, to write its checkpoint and exit before it is killed: 1s to 10m. Default: 30s.")
    {
        Min = 1,
        Max = 600,
        Pattern = DurationText.Pattern,
    };

    /// <summary><c>elastic.min_cards</c>.</summary>
    public static readonly Field ElasticMinCards = new("min_cards", FieldKind.WholeNumber, "Fewest cards the job runs on.") { Required = true, Min = 1, Max = 64 };

    /// <summary><c>elastic.max_cards</c>.</summary>
    public static readonly Field ElasticMaxCards = new("max_cards", FieldKind.WholeNumber, "Most cards the job can use; at least min_cards.") { Required = true, Min = 1, Max = 64 };

    /// <summary><c>elastic.scaling</c>.</summary>
    public static readonly Field ElasticScaling = new(
        "scaling",
        FieldKind.NumbersByCount,
        "Throughput by card count relative to one card, such as {1: 1.0, 2: 1.9, 4: 3.5}: positive and not falling as cards are added. Absent means linear.")
    {
        Min = 1,
        Max = 64,
    };

    /// <summary>The fields of <c>elastic</c>.</summary>
    public static readonly FieldSet ElasticFields = new(
        "JobElastic", "An elastic job: the range of cards it runs on and how its speed scales with them.", ElasticMinCards, ElasticMaxCards, ElasticScaling);

    /// <summary><c>elastic</c>.</summary>
    public static readonly Field Elastic = new(
        "elastic",
        FieldKind.Mapping,
        ElasticFields.Description + " The scheduler resizes it between min_cards and max_cards, each resize a checkpoint-restart with the new count in SUANWANG_CARDS; one node only.")
    {
        Fields = ElasticFields,
    };

    /// <summary>The fields of a job spec, in documentation order.</summary>
    public static readonly FieldSet Spec = new(
        "JobSpec",
        "A job: what to run, on what, for how long, where its data may go and what it may cost (docs/formats/job.md). Sent as JSON or YAML.",
        Name,
        Tenant,
        Run,
        NumNodes,
        Resources,
        EstimatedRuntime,
        ReferenceModel,
        ScaleRuntime,
        TimeLimit,
        Priority,
        Spot,
        Preemptible,
        Grace,
        Elastic,
        Budget,
        Inputs,
        Datasets,
        AllowedJurisdictions);
}
