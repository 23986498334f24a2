#include "cli/mapped_file.h"

#include <boost/interprocess/exceptions.hpp>
#include <filesystem>
#include <system_error>

#include "cli/failure.h"

namespace cairn::cli {

namespace ipc = boost::interprocess;

MappedFile::MappedFile(const std::string& path, const std::string& command) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) fail(command, "cannot read " + path);
  try {
    file_ = ipc::file_mapping(path.c_str(), ipc::read_only);
    // An empty file cannot be mapped, and has nothing to map.
    if (std::filesystem::file_size(path, ec) == 0 && !ec) return;
    region_ = ipc::mapped_region(file_, ipc::read_only);
    // Parsed once from start to end: the kernel may read ahead and drop behind.
    region_.advise(ipc::mapped_region::advice_sequential);
  } catch (const ipc::interprocess_exception& e) {
    fail(command, "cannot read " + path + ": " + e.what());
  }
}

}  // namespace cairn::cli
