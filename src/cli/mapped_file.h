// A document's bytes for `cairn import`, mapped read-only from the file
// instead of read into a string: the parser reads the page cache directly.
// The enterprise workload's 1.2 GB document otherwise cost a zero-filled
// heap buffer of its size (a page fault and a cleared page every 4 KB) and a
// copy out of the page cache before parsing could begin.
//
// The file must not shrink while it is mapped: reading past its new end
// stops the process (SIGBUS). An import is one transaction, so that leaves
// the store as it was.
#pragma once

#include <boost/interprocess/file_mapping.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <string>
#include <string_view>

namespace cairn::cli {

class MappedFile {
 public:
  // Maps `path`, or fails `command` ("cannot read PATH") when it is not a
  // regular file that can be opened.
  MappedFile(const std::string& path, const std::string& command);

  std::string_view text() const {
    return {static_cast<const char*>(region_.get_address()), region_.get_size()};
  }

 private:
  boost::interprocess::file_mapping file_;
  boost::interprocess::mapped_region region_;  // none for an empty file
};

}  // namespace cairn::cli
