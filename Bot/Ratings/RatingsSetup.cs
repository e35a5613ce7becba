using Communaute.Bot.Curation;
using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Privacy;

namespace Communaute.Bot.Ratings;

/// <summary>Rating answers: the stored answers and ratings, the buttons' intents, the curators' « pas utile » list, the counts.</summary>
public static class RatingsSetup
{
    public static IServiceCollection AddRatings(this IServiceCollection services)
    {
        services.AddScoped<AnswerRatings>();
        services.AddScoped<NotUsefulAnswers>();
        services.AddScoped<RatingCounts>();
        services.AddScoped<IPersonalDataSource, RatingsPersonalData>();
        services.AddDueWork<RatingsRetention>();
        services.AddFeature<RatingFeature>();
        services.AddFeature<RatingWordsFeature>();
        return services;
    }
}
