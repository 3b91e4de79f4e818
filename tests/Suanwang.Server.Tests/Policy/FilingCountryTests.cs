using Suanwang.ControlPlane.Policy;
using Suanwang.Core.Law;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Policy;
using Suanwang.Storage.Tenants;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Policy;

/// <summary>A filing counts only for the recipient countries it covers; without countries it covers any, as before.</summary>
public sealed class FilingCountryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private TestStore _data = null!;
    private DataLaw _law = null!;
    private int _tenants;

    public async Task InitializeAsync()
    {
        _data = await TestStore.OpenAsync();
        var engine = RuleSetLoader.Load(Path.Combine(AppContext.BaseDirectory, "rules", "law"));
        _law = new DataLaw(engine, _data.Store, new StoreDecisionRecorder(_data.Store), new ManualTimeProvider(s_now));
    }

    public async Task DisposeAsync() => await _data.DisposeAsync();

    // Each row: the data (origin, individuals, subjects), one filing (kind, countries or "" for any,
    // expired or in force), the destination, and the rule that decides.
    [Theory]
    [InlineData("CN", 2_000_000, "CN", "security_assessment", "KZ", false, "KZ", "CN-3a")]
    [InlineData("CN", 2_000_000, "CN", "security_assessment", "SA", false, "KZ", "CN-3")]
    [InlineData("CN", 2_000_000, "CN", "security_assessment", "", false, "KZ", "CN-3a")]
    [InlineData("CN", 150_000, "CN", "standard_contract", "KZ", false, "KZ", "CN-4a")]
    [InlineData("CN", 150_000, "CN", "standard_contract", "SA", false, "KZ", "CN-4")]
    [InlineData("CN", 150_000, "CN", "certification", "KZ,SA", false, "SA", "CN-4a")]
    [InlineData("CN", 150_000, "CN", "standard_contract", "", false, "SA", "CN-4a")]
    [InlineData("CN", 99_999, "CN", "standard_contract", "SA", false, "KZ", "CN-5")]
    [InlineData("CN", 100_000, "CN", "standard_contract", "SA", false, "KZ", "CN-4")]
    [InlineData("CN", 100_000, "CN", "standard_contract", "KZ", false, "KZ", "CN-4a")]
    [InlineData("CN", 150_000, "CN", "standard_contract", "KZ", true, "KZ", "G0-4")]
    [InlineData("CN", 150_000, "CN", "standard_contract", "SA", true, "KZ", "CN-4")]
    [InlineData("CN", 150_000, "CN", "standard_contract", "", true, "KZ", "G0-4")]
    [InlineData("DE", 1_000, "DE", "scc", "US", false, "US", "EU-2a")]
    [InlineData("DE", 1_000, "DE", "scc", "IN", false, "US", "EU-2")]
    [InlineData("DE", 1_000, "DE", "bcr", "", false, "US", "EU-2a")]
    [InlineData("DE", 1_000, "DE", "scc", "IN", false, "JP", "EU-1")]
    [InlineData("RU", 1_000, "RU", "ru_notice", "DE", false, "DE", "RU-2a")]
    [InlineData("RU", 1_000, "RU", "ru_notice", "KZ", false, "DE", "RU-2")]
    [InlineData("RU", 1_000, "RU", "ru_notice", "", false, "DE", "RU-2a")]
    [InlineData("SA", 1_000, "SA", "scc", "AE", false, "AE", "SA-1b")]
    [InlineData("SA", 1_000, "SA", "scc", "EG", false, "AE", "SA-1")]
    [InlineData("SA", 1_000, "SA", "certification", "", false, "AE", "SA-1b")]
    public async Task A_filing_counts_only_for_the_countries_it_covers(
        string origin, long individuals, string subjects, string kind, string countries, bool expired, string destination, string rule)
    {
        var tenant = $"t{++_tenants}";
        await _data.Store.CreateTenantAsync(new TenantRecord(tenant, tenant, 1, s_now), CancellationToken.None);
        var document = $$$"""{"id": "ds-{{{tenant}}}", "jurisdiction": "{{{origin}}}", "classification": "general", "personal_information": {"individuals": {{{individuals}}}, "subjects": ["{{{subjects}}}"]}}""";
        Assert.True(await _data.Store.AddDatasetAsync(new DatasetRecord($"ds-{tenant}", tenant, document, s_now), CancellationToken.None));
        var filedOn = expired ? new DateOnly(2024, 1, 1) : new DateOnly(2026, 1, 1);
        var filing = new FilingRecord(0, tenant, kind, "REF-1", filedOn, kind == FilingKinds.RuNotice ? null : filedOn.AddYears(expired ? 2 : 3).AddDays(-1), s_now)
        {
            Countries = countries.Length == 0 ? null : countries.Split(','),
        };
        Assert.NotNull(await _data.Store.AddFilingAsync(filing, CancellationToken.None));

        var answer = await _law.EvaluateAsync(tenant, [$"ds-{tenant}"], [destination], new ExportOptions(Purpose: "research"), CancellationToken.None);

        var decision = Assert.Single(answer.Value!.Decisions);
        Assert.Equal(rule, decision.Rules[0]);
        Assert.Equal(rule.EndsWith('a') || rule.EndsWith('b') || rule is "CN-5" or "EU-1", decision.Outcome == LawOutcome.Allow);
    }

    [Fact]
    public async Task A_denial_names_the_missing_filing_with_its_country()
    {
        await _data.Store.CreateTenantAsync(new TenantRecord("acme", "acme", 1, s_now), CancellationToken.None);
        const string document = """{"id": "ds-acme", "jurisdiction": "CN", "classification": "general", "personal_information": {"individuals": 150000}}""";
        Assert.True(await _data.Store.AddDatasetAsync(new DatasetRecord("ds-acme", "acme", document, s_now), CancellationToken.None));
        await _data.Store.AddFilingAsync(new FilingRecord(0, "acme", "standard_contract", "SC-KZ", new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), s_now) { Countries = ["KZ"] }, CancellationToken.None);

        var answer = await _law.EvaluateAsync("acme", ["ds-acme"], ["KZ", "SA"], ExportOptions.Default, CancellationToken.None);

        Assert.Equal(["KZ"], answer.Value!.Allowed);
        Assert.EndsWith("(Provisions Art 8; PIPL Art 38); none covering SA is on file for tenant acme", answer.Value.WhyNot("SA"), StringComparison.Ordinal);
    }
}
