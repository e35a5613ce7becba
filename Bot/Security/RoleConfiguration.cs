using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Communaute.Bot.Security;

/// <summary>
/// The role assignments in force: read at start-up (a bad list stops the start), read again when a configuration
/// file changes (a bad edit keeps the previous assignments and says so). Every turn asks it; stored members follow
/// it at start-up and after each change (<see cref="SyncStoredRolesAsync"/>).
/// </summary>
public sealed class RoleConfiguration : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly bool _development;
    private readonly ILogger<RoleConfiguration> _logger;
    private readonly IServiceScopeFactory _scopes;
    private readonly IDisposable _reload;
    private volatile RoleAssignments _current;

    public RoleConfiguration(IConfiguration configuration, IHostEnvironment environment, ILogger<RoleConfiguration> logger, IServiceScopeFactory scopes)
    {
        _configuration = configuration;
        _development = environment.IsDevelopment();
        _logger = logger;
        _scopes = scopes;
        _current = RoleAssignments.Read(configuration, _development);
        Report(_current);
        _reload = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public RoleAssignments Current => _current;

    private void Reload()
    {
        RoleAssignments next;
        try { next = RoleAssignments.Read(_configuration, _development); }
        catch (BotConfigurationException e)
        {
            _logger.LogError("Rôles : nouvelle configuration refusée, les rôles précédents restent en vigueur. {Problem}", e.Message);
            return;
        }
        if (next.Describe() == _current.Describe()) return;
        _current = next;
        Report(next);
        _ = Task.Run(async () =>
        {
            try { await SyncStoredRolesAsync(_scopes, CancellationToken.None); }
            catch (Exception e) { _logger.LogError(e, "Rôles : mise à jour des membres enregistrés impossible"); }
        });
    }

    private void Report(RoleAssignments roles)
    {
        _logger.LogInformation("Rôles en vigueur : {Roles}", roles.Describe());
        foreach (var ignored in roles.IgnoredWildcards)
            _logger.LogWarning("Rôles : « {Entry} » ignoré — les jokers ne donnent un rôle qu'en environnement Development", ignored);
    }

    /// <summary>Writes every stored member's roles as configuration gives them now (removed roles vanish).</summary>
    public static async Task<int> SyncStoredRolesAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleConfiguration>().Current;
        var members = await db.Members.AsNoTracking().Select(m => new { m.Id, m.Channel, m.ChannelUserId, m.Roles }).ToListAsync(ct);
        var changed = 0;
        foreach (var group in members.Select(m => (m.Id, m.Roles, Wanted: roles.StoredRolesOf(m.Channel, m.ChannelUserId)))
                     .Where(m => m.Roles != m.Wanted).GroupBy(m => m.Wanted))
        {
            var ids = group.Select(m => m.Id).ToList();
            var wanted = group.Key;
            foreach (var chunk in ids.Chunk(500))
                changed += await db.Members.Where(m => chunk.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Roles, wanted), ct);
        }
        return changed;
    }

    public void Dispose() => _reload.Dispose();
}

/// <summary>Members holding a role, for work done outside turns (the digest finds its facilitators here).</summary>
public sealed class RoleDirectory(BotDbContext db)
{
    public async Task<IReadOnlyList<Member>> MembersWithRoleAsync(string role, CancellationToken ct) =>
        await WithRole(db.Members, role).AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);

    /// <summary>The members whose stored roles ("curator,facilitator") include <paramref name="role"/>, as a query to compose.</summary>
    public static IQueryable<Member> WithRole(IQueryable<Member> members, string role)
    {
        var first = role + ",";
        var last = "," + role;
        var middle = "," + role + ",";
        return members.Where(m => m.Roles == role || m.Roles.StartsWith(first) || m.Roles.EndsWith(last) || m.Roles.Contains(middle));
    }
}
