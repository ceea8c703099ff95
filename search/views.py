from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from home.text import clean_search_query

RESULTS_PER_PAGE = 10


def search(request):
    search_query = clean_search_query(request.GET.get("query"))
    page_number = request.GET.get("page", "1")

    results = Page.objects.none()
    promotions = []
    if search_query:
        # Only pages in the visitor's language, or every result shows once per language.
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(search_query)
        query = Query.get(search_query)
        query.add_hit()
        promotions = list(query.editors_picks.all().select_related("page"))

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(page_number)
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage as exc:
        raise Http404(_("Deze pagina met resultaten bestaat niet.")) from exc

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": search_query,
            "search_results": page_of_results,
            "promotions": promotions,
        },
    )
