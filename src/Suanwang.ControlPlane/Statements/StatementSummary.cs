using Suanwang.Protocol.Market;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Statements;

/// <summary>
/// A statement as a page shows it: the totals, balances and token lines of the whole period, its
/// first runs and movements only, and the sums its charts are drawn from.
/// </summary>
/// <param name="View">The statement: totals of the whole period, <see cref="StatementView.Usage"/> and <see cref="StatementView.Movements"/> the first rows only.</param>
/// <param name="Runs">Runs in the whole period.</param>
/// <param name="Movements">Movements in the whole period.</param>
/// <param name="Usage">The period's runs summed per day, site and pool.</param>
/// <param name="Tokens">The period's token requests summed per day, model, site and currency.</param>
/// <param name="Lines">The period's movements in the base currency summed per account and kind.</param>
public sealed record StatementSummary(StatementView View, long Runs, long Movements, IReadOnlyList<UsageSum> Usage, IReadOnlyList<TokenSum> Tokens, IReadOnlyList<LineSum> Lines);
