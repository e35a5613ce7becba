namespace Communaute.Bot.Sessions.Groups;

/// <summary>A member who may be placed in a group, with what mixing and client rotation need.</summary>
public sealed record GroupCandidate(long Id, string Name, string? Organisation, string? Region, int TimesClientInCycle = 0, long LastClientTicks = 0);

public sealed record ProposedGroup(IReadOnlyList<GroupCandidate> Members, GroupCandidate? Client, int RepeatedPairs, int SameOrganisationPairs);

public sealed record GroupProposal(IReadOnlyList<ProposedGroup> Groups)
{
    public int RepeatedPairs => Groups.Sum(g => g.RepeatedPairs);
    public int SameOrganisationPairs => Groups.Sum(g => g.SameOrganisationPairs);
}

/// <summary>
/// Forms groups of 4–8 that mix organisations and regions and avoid pairs who met recently: the cost of a group is
/// the sum over its pairs of 1000 per recent meeting, 20 per shared organisation and 3 per shared region. Plans start
/// from seeded greedy placements (each member, in random order, joins the group where they add the least cost), are
/// improved by swapping members between groups while a swap lowers the cost (local search), then shaken (a few random
/// swaps) and improved again, keeping the cheapest plan (iterated local search). Each group's client is the member
/// who has been client least often in the cycle, then the longest ago.
/// </summary>
public static class GroupPlanner
{
    public const int RepeatCost = 1000;
    public const int SameOrganisationCost = 20;
    public const int SameRegionCost = 3;

    public static GroupProposal Propose(
        IReadOnlyList<GroupCandidate> members, IReadOnlySet<(long, long)> recentPairs,
        int minSize = 4, int maxSize = 8, int targetSize = 6, int restarts = 12, int seed = 20261123)
    {
        var n = members.Count;
        if (n == 0) return new GroupProposal([]);
        var cost = CostMatrix(members, recentPairs);
        // The number of groups nearest the target size first; another count within the 4–8 rule only when it
        // leaves fewer pairs who already met (8 people with history: two groups of 4 rather than one of 8).
        var preferred = Sizes(n, minSize, maxSize, targetSize);
        GroupProposal? best = null;
        foreach (var sizes in new[] { preferred }.Concat(OtherSizes(n, minSize, maxSize, preferred.Length)))
        {
            var proposal = Search(members, recentPairs, sizes, cost, restarts, seed);
            if (best is null || proposal.RepeatedPairs < best.RepeatedPairs) best = proposal;
            if (best.RepeatedPairs == 0) break;
        }
        return best!;
    }

    /// <summary>The other ways to split <paramref name="n"/> into groups of <paramref name="minSize"/> to <paramref name="maxSize"/>.</summary>
    private static IEnumerable<int[]> OtherSizes(int n, int minSize, int maxSize, int preferredCount)
    {
        var fewest = Math.Max(1, (int)Math.Ceiling(n / (double)maxSize));
        for (var k = fewest; k <= n / minSize; k++)
        {
            if (k == preferredCount) continue;
            var sizes = new int[k];
            for (var i = 0; i < k; i++) sizes[i] = n / k + (i < n % k ? 1 : 0);
            if (sizes.Min() >= minSize && sizes.Max() <= maxSize) yield return sizes;
        }
    }

    private static GroupProposal Search(IReadOnlyList<GroupCandidate> members, IReadOnlySet<(long, long)> recentPairs, int[] sizes, int[,] cost, int restarts, int seed)
    {
        var n = members.Count;
        int[]? best = null;
        var bestCost = long.MaxValue;
        var random = new Random(seed);
        for (var r = 0; r < Math.Max(1, restarts); r++)
        {
            var assignment = GreedyAssignment(n, sizes, cost, random);
            var total = Improve(assignment, sizes.Length, cost);
            for (var shake = 0; shake < Shakes && total > 0 && sizes.Length > 1; shake++)
            {
                var candidate = (int[])assignment.Clone();
                for (var k = 0; k < 3; k++)
                {
                    int i = random.Next(n), j = random.Next(n);
                    (candidate[i], candidate[j]) = (candidate[j], candidate[i]);
                }
                var candidateCost = Improve(candidate, sizes.Length, cost);
                if (candidateCost < total) { total = candidateCost; assignment = candidate; }
            }
            if (total < bestCost) { bestCost = total; best = assignment; }
            if (bestCost == 0) break;
        }
        return Build(members, best!, sizes.Length, recentPairs);
    }

    /// <summary>Group sizes as even as possible, near the target, each between min and max when n allows it.</summary>
    public static int[] Sizes(int n, int minSize, int maxSize, int targetSize)
    {
        if (n <= maxSize) return [n];
        var fewest = (int)Math.Ceiling(n / (double)maxSize);
        var most = Math.Max(fewest, n / minSize);
        var k = Math.Clamp((int)Math.Round(n / (double)targetSize), fewest, most);
        var sizes = new int[k];
        for (var i = 0; i < k; i++) sizes[i] = n / k + (i < n % k ? 1 : 0);
        return sizes;
    }

    /// <summary>The cost of putting two members in the same group.</summary>
    public static int PairCost(GroupCandidate a, GroupCandidate b, IReadOnlySet<(long, long)> recentPairs)
    {
        var cost = 0;
        if (recentPairs.Contains(Key(a.Id, b.Id))) cost += RepeatCost;
        if (Same(a.Organisation, b.Organisation)) cost += SameOrganisationCost;
        if (Same(a.Region, b.Region)) cost += SameRegionCost;
        return cost;
    }

    public static (long, long) Key(long a, long b) => a < b ? (a, b) : (b, a);

    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && Communaute.Dialogs.Conversation.TextMatching.Fold(a) == Communaute.Dialogs.Conversation.TextMatching.Fold(b);

    private static int[,] CostMatrix(IReadOnlyList<GroupCandidate> members, IReadOnlySet<(long, long)> recentPairs)
    {
        var n = members.Count;
        var cost = new int[n, n];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                cost[i, j] = cost[j, i] = PairCost(members[i], members[j], recentPairs);
        return cost;
    }

    private const int Shakes = 30;

    /// <summary>Members in random order, each into the group with room where they add the least cost.</summary>
    private static int[] GreedyAssignment(int n, int[] sizes, int[,] cost, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var assignment = new int[n];
        var members = sizes.Select(_ => new List<int>()).ToArray();
        foreach (var i in order)
        {
            var bestGroup = -1;
            var bestAdded = long.MaxValue;
            for (var g = 0; g < sizes.Length; g++)
            {
                if (members[g].Count >= sizes[g]) continue;
                long added = 0;
                foreach (var j in members[g]) added += cost[i, j];
                if (added < bestAdded || (added == bestAdded && members[g].Count < members[bestGroup].Count)) { bestAdded = added; bestGroup = g; }
            }
            members[bestGroup].Add(i);
            assignment[i] = bestGroup;
        }
        return assignment;
    }

    /// <summary>Swaps members between groups while a swap lowers the total cost; returns the final cost.</summary>
    private static long Improve(int[] group, int groups, int[,] cost)
    {
        var n = group.Length;
        // toGroup[i, g]: cost between member i and the members of group g.
        var toGroup = new long[n, groups];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) toGroup[i, group[j]] += cost[i, j];

        for (var pass = 0; pass < 100; pass++)
        {
            var improved = false;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                {
                    int a = group[i], b = group[j];
                    if (a == b) continue;
                    var delta = toGroup[i, b] - cost[i, j] + toGroup[j, a] - cost[i, j] - toGroup[i, a] - toGroup[j, b];
                    if (delta >= 0) continue;
                    for (var x = 0; x < n; x++)
                    {
                        toGroup[x, a] += cost[x, j] - cost[x, i];
                        toGroup[x, b] += cost[x, i] - cost[x, j];
                    }
                    group[i] = b;
                    group[j] = a;
                    improved = true;
                }
            if (!improved) break;
        }
        long total = 0;
        for (var i = 0; i < n; i++) total += toGroup[i, group[i]];
        return total / 2;
    }

    private static GroupProposal Build(IReadOnlyList<GroupCandidate> members, int[] group, int groups, IReadOnlySet<(long, long)> recentPairs)
    {
        var result = new List<ProposedGroup>();
        for (var g = 0; g < groups; g++)
        {
            var indices = Enumerable.Range(0, members.Count).Where(i => group[i] == g).ToList();
            var inGroup = indices.Select(i => members[i]).OrderBy(m => m.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true)).ToList();
            int repeated = 0, sameOrganisation = 0;
            for (var x = 0; x < inGroup.Count; x++)
                for (var y = x + 1; y < inGroup.Count; y++)
                {
                    if (recentPairs.Contains(Key(inGroup[x].Id, inGroup[y].Id))) repeated++;
                    if (Same(inGroup[x].Organisation, inGroup[y].Organisation)) sameOrganisation++;
                }
            var client = inGroup.OrderBy(m => m.TimesClientInCycle).ThenBy(m => m.LastClientTicks).ThenBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault();
            result.Add(new ProposedGroup(inGroup, client, repeated, sameOrganisation));
        }
        return new GroupProposal(result);
    }
}
