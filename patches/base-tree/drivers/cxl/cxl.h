/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __CXL_H__
#define __CXL_H__

#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/memremap.h>
#include <linux/uuid.h>

/*
 * lorescope demo tree: the region part of cxl.h only.
 */

enum cxl_config_state {
	CXL_CONFIG_IDLE,
	CXL_CONFIG_INTERLEAVE_ACTIVE,
	CXL_CONFIG_ACTIVE,
	CXL_CONFIG_COMMIT,
};

/**
 * struct cxl_region_params - region settings
 * @state: progress of the region towards being committed
 * @uuid: unique id for persistent regions
 * @interleave_ways: number of endpoints in the interleave set
 * @interleave_granularity: bytes per endpoint before moving on
 * @res: the host physical address range of the region
 */
struct cxl_region_params {
	enum cxl_config_state state;
	uuid_t uuid;
	int interleave_ways;
	int interleave_granularity;
	struct resource *res;
};

/**
 * struct cxl_region - a host physical address range built from decoders
 * @dev: this region's device
 * @id: the N in regionN
 * @pgmap: page map when the region is kept as device private memory
 * @params: active settings of the region
 */
struct cxl_region {
	struct device dev;
	int id;
	struct dev_pagemap pgmap;
	struct cxl_region_params params;
};

static inline struct cxl_region *to_cxl_region(struct device *dev)
{
	return container_of(dev, struct cxl_region, dev);
}

#endif /* __CXL_H__ */
