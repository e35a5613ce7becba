using Communaute.Bot.Sessions.Groups;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>Group proposals: sizes 4–8, no repeated pair when one is avoidable, organisations mixed, better than shuffling.</summary>
public sealed class GroupPlannerTests
{
    private static readonly string[] Regions = ["Bretagne", "Occitanie", "Île-de-France", "La Réunion", "Guadeloupe", "Grand Est"];

    /// <summary>n members from n/4 organisations (4 per organisation), regions spread.</summary>
    private static List<GroupCandidate> Members(int n) =>
        Enumerable.Range(1, n).Select(i => new GroupCandidate(i, $"Membre {i:00}", $"Structure {(i - 1) / 4}", Regions[i % Regions.Length])).ToList();

    /// <summary>The pairs of previous rounds where members sat with the same neighbours (rounds of consecutive blocks).</summary>
    private static HashSet<(long, long)> History(IReadOnlyList<GroupCandidate> members, int rounds, int size, int seed)
    {
        var pairs = new HashSet<(long, long)>();
        var random = new Random(seed);
        for (var r = 0; r < rounds; r++)
        {
            var order = members.Select(m => m.Id).ToArray();
            random.Shuffle(order);
            foreach (var block in order.Chunk(size))
                for (var i = 0; i < block.Length; i++)
                    for (var j = i + 1; j < block.Length; j++)
                        pairs.Add(GroupPlanner.Key(block[i], block[j]));
        }
        return pairs;
    }

    [Theory]
    [InlineData(4, new[] { 4 })]
    [InlineData(8, new[] { 8 })]
    [InlineData(9, new[] { 5, 4 })]
    [InlineData(13, new[] { 7, 6 })]
    [InlineData(80, new[] { 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7 })]
    public void Groups_have_four_to_eight_members_and_even_sizes(int n, int[] expected) =>
        Assert.Equal(expected.OrderByDescending(x => x), GroupPlanner.Sizes(n, 4, 8, 6).OrderByDescending(x => x));

    [Fact]
    public void No_pair_is_repeated_when_one_can_be_avoided()
    {
        // Twelve members who met in four groups of three: three new groups of four, one from each old group, avoid every past pair.
        var members = Members(12).Select(m => m with { Organisation = $"Org {m.Id}", Region = null }).ToList();
        var met = new HashSet<(long, long)>();
        foreach (var block in members.Select(m => m.Id).Chunk(3))
            for (var i = 0; i < 3; i++)
                for (var j = i + 1; j < 3; j++)
                    met.Add(GroupPlanner.Key(block[i], block[j]));
        var proposal = GroupPlanner.Propose(members, met, minSize: 4, maxSize: 4, targetSize: 4);
        Assert.Equal(3, proposal.Groups.Count);
        Assert.Equal(0, proposal.RepeatedPairs);
        Assert.All(proposal.Groups, g => Assert.Equal(4, g.Members.Count));
    }

    [Fact]
    public void Organisations_are_mixed()
    {
        // Six organisations of four people, four groups of six: every group can hold one person of each organisation.
        var members = Enumerable.Range(1, 24).Select(i => new GroupCandidate(i, $"M{i}", $"Structure {(i - 1) / 4}", "Bretagne")).ToList();
        var proposal = GroupPlanner.Propose(members, new HashSet<(long, long)>());
        Assert.Equal(4, proposal.Groups.Count);
        Assert.Equal(0, proposal.SameOrganisationPairs);
        Assert.All(proposal.Groups, g => Assert.Equal(6, g.Members.Select(m => m.Organisation).Distinct().Count()));
    }

    [Fact]
    public void The_proposal_repeats_far_fewer_pairs_than_shuffling()
    {
        var members = Members(80);
        var history = History(members, rounds: 4, size: 6, seed: 7);
        var proposal = GroupPlanner.Propose(members, history);
        Assert.All(proposal.Groups, g => Assert.InRange(g.Members.Count, 4, 8));
        Assert.Equal(80, proposal.Groups.Sum(g => g.Members.Count));
        Assert.Equal(80, proposal.Groups.SelectMany(g => g.Members).Select(m => m.Id).Distinct().Count());

        var random = new Random(1);
        var shuffledRepeats = Enumerable.Range(0, 20).Select(_ =>
        {
            var order = members.ToArray();
            random.Shuffle(order);
            var repeats = 0;
            var index = 0;
            foreach (var size in GroupPlanner.Sizes(80, 4, 8, 6))
            {
                var block = order.Skip(index).Take(size).ToArray();
                index += size;
                for (var i = 0; i < block.Length; i++)
                    for (var j = i + 1; j < block.Length; j++)
                        if (history.Contains(GroupPlanner.Key(block[i].Id, block[j].Id))) repeats++;
            }
            return repeats;
        }).Average();
        Assert.True(shuffledRepeats > 10, $"l'historique doit rendre le hasard coûteux ({shuffledRepeats})");
        Assert.True(proposal.RepeatedPairs <= shuffledRepeats / 5, $"{proposal.RepeatedPairs} paires répétées contre {shuffledRepeats} en moyenne au hasard");
        Assert.Equal(0, proposal.SameOrganisationPairs);
    }

    [Fact]
    public void The_client_is_who_has_been_client_least_in_the_cycle()
    {
        var members = new List<GroupCandidate>
        {
            new(1, "Alice", "A", null, TimesClientInCycle: 2, LastClientTicks: 50),
            new(2, "Bruno", "B", null, TimesClientInCycle: 1, LastClientTicks: 40),
            new(3, "Chloé", "C", null, TimesClientInCycle: 1, LastClientTicks: 10),
            new(4, "David", "D", null, TimesClientInCycle: 2, LastClientTicks: 5),
        };
        var group = Assert.Single(GroupPlanner.Propose(members, new HashSet<(long, long)>()).Groups);
        Assert.Equal("Chloé", group.Client!.Name);
        var fresh = members.Append(new GroupCandidate(5, "Emma", "E", null)).ToList();
        Assert.Equal("Emma", Assert.Single(GroupPlanner.Propose(fresh, new HashSet<(long, long)>()).Groups).Client!.Name);
    }

    [Fact]
    public void Point10_eight_members_with_history_make_two_groups_of_four_rather_than_one_with_repeats()
    {
        var members = Members(8);
        // Last round: members 1–4 met (6 pairs); one group of 8 would repeat all 6, two groups of 4 at most 2.
        var history = new HashSet<(long, long)>();
        long[] block = [1, 2, 3, 4];
        for (var i = 0; i < 4; i++)
            for (var j = i + 1; j < 4; j++)
                history.Add(GroupPlanner.Key(block[i], block[j]));
        var proposal = GroupPlanner.Propose(members, history);
        Assert.Equal([4, 4], proposal.Groups.Select(g => g.Members.Count));
        Assert.True(proposal.RepeatedPairs <= 2, $"{proposal.RepeatedPairs} paires déjà rencontrées");

        // Without history, eight stay together (the size nearest six).
        Assert.Single(GroupPlanner.Propose(members, new HashSet<(long, long)>()).Groups);
    }
}
