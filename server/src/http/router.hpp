#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace planify::http {

using PathParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<void(const httplib::Request&, httplib::Response&, const PathParams&)>;

// Method + path pattern dispatch ("/api/v1/invoices/:id/issue"). Knows every route, so it can
// tell "no such path" (404) from "path exists, not with this method" (405 with Allow).
class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // set when method and path match
    std::string pattern;               // the matched pattern, for logs and metrics
    PathParams params;
    std::vector<std::string> allowed;  // methods for the path when only the method is wrong
  };
  // HEAD matches GET routes.
  [[nodiscard]] Match Find(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace planify::http
