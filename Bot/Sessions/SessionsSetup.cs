using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Privacy;
using Communaute.Bot.Sessions.Bookings;
using Communaute.Bot.Sessions.Calendar;
using Communaute.Bot.Sessions.Due;
using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Groups;

namespace Communaute.Bot.Sessions;

/// <summary>The co-development sessions: booking, waitlist, reminders, calendar, running the session, groups.</summary>
public static class SessionsSetup
{
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SessionsOptions>(configuration.GetSection("Sessions"));
        services.AddScoped<ICalendarLinks, SignedCalendarLinks>();
        services.AddScoped<SessionTransactions>();
        services.AddScoped<SessionAgenda>();
        services.AddScoped<SessionNotifier>();
        services.AddScoped<BookingService>();
        services.AddScoped<SessionAdmin>();
        services.AddScoped<SessionRun>();
        services.AddScoped<SessionQueries>();
        services.AddScoped<GroupProposals>();
        services.AddScoped<ISessionDirectory, EfSessionDirectory>();
        services.AddScoped<IPersonalDataSource, SessionsPersonalData>();
        services.AddScoped<MemberSessionCommands>();
        services.AddScoped<FacilitatorSessionCommands>();
        services.AddScoped<MemberSettingsCommands>();
        services.AddFeature<SessionsFeature>();
        services.AddDueWork<SessionsDueWork>();
        return services;
    }

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app) => app.MapSessionCalendar();
}
